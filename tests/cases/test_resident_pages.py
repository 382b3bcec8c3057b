import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from portal.cases.models import Case
from portal.cases.services import case_create, case_set_status
from tests.factories.cases import CaseTypeFactory, make_resident
from tests.helpers import login_resident
from tests.html import heading_levels, heading_problems


@pytest.fixture
def resident(db):
    return make_resident()


def test_a_resident_follows_a_case_like_a_parcel(client, resident):
    case = case_create(case_type=CaseTypeFactory(name="Verhuizing"), resident=resident)
    case_set_status(
        case=case, status_type=case.case_type.status_types.get(order=2), by=None, public_text="We kijken ernaar."
    )
    login_resident(client, resident)
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    soup = BeautifulSoup(page.content, "html.parser")
    steps = [
        (li.select_one(".loket-timeline__state").get_text(" ", strip=True).split(" ")[0], li.h3.get_text(strip=True))
        for li in soup.select(".loket-timeline__step")
    ]
    assert steps == [("Gedaan", "Ontvangen"), ("Nu", "In behandeling"), ("Nog", "Afgerond")]
    assert "We kijken ernaar." in page.content.decode()
    assert case.identification in page.content.decode()
    assert heading_problems(heading_levels(page.content.decode())) == []


def test_an_overdue_case_says_so_in_words(client, resident):
    case = case_create(case_type=CaseTypeFactory(), resident=resident)
    Case.objects.filter(pk=case.pk).update(expected_on=timezone.localdate() - timezone.timedelta(days=2))
    login_resident(client, resident)
    assert "later dan beloofd" in client.get("/mijn/zaken/").content.decode()
    assert "langer dan we beloofden" in client.get(case.get_absolute_url()).content.decode()


def test_another_residents_case_is_not_found(client, resident):
    others = case_create(case_type=CaseTypeFactory(), resident=make_resident())
    login_resident(client, resident)
    assert client.get(others.get_absolute_url()).status_code == 404
    assert client.post(others.get_absolute_url()).status_code in (404, 405)
    assert others.identification not in client.get("/mijn/zaken/").content.decode()


@pytest.mark.parametrize("path", ["/mijn/zaken/not-a-uuid/", "/mijn/zaken/00000000-0000-0000-0000-000000000000/"])
def test_garbage_case_addresses_are_404(client, resident, path):
    login_resident(client, resident)
    assert client.get(path).status_code == 404


def test_anonymous_visitors_are_sent_tologin_resident(client, db):
    response = client.get("/mijn/zaken/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def _queries(client, path, limit, assert_max):
    with assert_max(limit) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


@pytest.mark.parametrize(("path", "shown"), [("/mijn/", 5), ("/mijn/zaken/", 25)])
def test_lists_cost_the_same_for_2_or_200_cases(client, resident, django_assert_max_num_queries, path, shown):
    case_type = CaseTypeFactory()
    login_resident(client, resident)
    for _ in range(2):
        case_create(case_type=case_type, resident=resident)
    client.get(path)  # the first request of a site creates its settings row; measure from the second
    few, _html = _queries(client, path, 10, django_assert_max_num_queries)
    for _ in range(198):
        case_create(case_type=case_type, resident=resident)
    many, html = _queries(client, path, 10, django_assert_max_num_queries)
    assert many == few
    assert html.count("loket-card__title") == shown


def test_mijn_loket_with_200_cases_and_500_messages_stays_within_15_queries(
    client, resident, django_assert_max_num_queries
):
    from portal.inbox.models import Message

    case_type = CaseTypeFactory()
    for _ in range(200):
        case_create(case_type=case_type, resident=resident)
    Message.objects.bulk_create(Message(resident=resident, subject=f"Bericht {i}", body="x") for i in range(500))
    login_resident(client, resident)
    client.get("/mijn/")
    with django_assert_max_num_queries(15):
        page = client.get("/mijn/")
    html = page.content.decode()
    assert html.count("loket-card__title") == 5
    assert '<span class="loket-count">500' in html


def test_the_demos_overdue_case_was_received_before_it_was_due(resident):
    from portal.cases.demo import load_case_types, load_demo_cases
    from portal.cases.workdays import add_working_days

    load_case_types()
    load_demo_cases(resident)
    case = Case.objects.get(resident=resident, case_type__name="Bijzondere bijstand")
    received = timezone.localdate(case.created_at)
    today = timezone.localdate()
    assert received < case.expected_on < today, "overdue, and due after it was received"
    assert case.expected_on == add_working_days(received, case.case_type.service_norm_days)
    assert {timezone.localdate(change.set_at) for change in case.status_changes.all()} == {received}
    assert {timezone.localdate(moment.at) for moment in case.contact_moments.all()} == {received}
