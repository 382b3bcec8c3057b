"""Bots and scrapers: the availability pages and booking without DigiD have a budget per client; over it, a clear
429 page says when to try again, and nothing was booked. Availability never says who booked."""

import pytest

from portal.appointments.models import Booking
from tests.appointments.conftest import at, query
from tests.factories.cases import make_resident
from tests.helpers import login_resident

pytestmark = pytest.mark.usefixtures("clock")

CALENDAR = "/afspraak/dag/?" + query(products="paspoort", persons=1, location="stadhuis")


@pytest.fixture
def small_budgets(settings):
    settings.LOKET_RATE_LIMITS = {"availability": "3/m", "booking": "2/h"}


def test_a_client_over_its_availability_budget_gets_a_429_page_and_others_do_not(client, desk, small_budgets):
    assert [client.get(CALENDAR).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(CALENDAR)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    html = refused.content.decode()
    assert "Even wachten" in html and "Probeer het over 1 minuut opnieuw" in html
    assert client.get("/huwelijk/").status_code == 429, "the wedding planner shares the budget"
    assert client.get(CALENDAR, REMOTE_ADDR="192.0.2.7").status_code == 200, "another client has its own"


def test_the_budget_is_per_logged_in_resident_not_per_shared_address(client, desk, small_budgets):
    for _ in range(3):
        client.get(CALENDAR)
    assert client.get(CALENDAR).status_code == 429
    login_resident(client, make_resident())  # a resident behind the same address (a library, an office)
    assert client.get(CALENDAR).status_code == 200


def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(client, desk, small_budgets, settings):
    for hop in ("198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"):
        response = client.get(CALENDAR, HTTP_X_FORWARDED_FOR=hop)
    assert response.status_code == 429, "without a trusted proxy the header is ignored: one client"
    settings.LOKET_TRUSTED_PROXIES = 1
    assert client.get(CALENDAR, HTTP_X_FORWARDED_FOR="forged, 198.51.100.9").status_code == 200


def test_booking_without_digid_over_budget_books_nothing(client, desk, small_budgets, settings):
    settings.LOKET_RATE_LIMITS["availability"] = "100/m"
    start = at("2026-11-25", 9).isoformat()
    url = "/afspraak/gegevens/?" + query(products="paspoort", persons=1, location="stadhuis", start=start)
    for _ in range(2):
        client.post(url, {"name": "Bot", "email": ""})  # invalid, but it counts: each try is a request
    assert client.get(url).status_code == 200, "looking at the form is not limited"
    refused = client.post(url, {"name": "Jan Jansen", "email": "jan@example.nl"})
    assert refused.status_code == 429 and "niet verwerkt" in refused.content.decode()
    assert not Booking.objects.exists()


def test_availability_pages_name_no_one_who_booked(client, desk, passport):
    from portal.appointments.services import booking_create

    booking_create(
        products=[passport],
        persons=1,
        location=desk.location,
        starts_at=at("2026-11-25", 9),
        name="Geheim Persoon",
        email="geheim@example.nl",
    )
    pages = [
        client.get(CALENDAR),
        client.get("/afspraak/tijd/?" + query(products="paspoort", persons=1, location="stadhuis", day="2026-11-25")),
    ]
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200 and "Geheim" not in html and "geheim@example.nl" not in html
    assert "2026-11-25T09:00:00+01:00" not in pages[1].content.decode(), "a taken time is simply not offered"
