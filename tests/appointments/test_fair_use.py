"""Fair use of scarce times: one person (a resident, or an e-mail address without DigiD) holds at most the number
of open appointments a product allows, never two at once; a refusal shows a way forward; parallel requests of the
same person are decided one after the other."""

import pytest
from django.db import connection

from portal.appointments.models import Booking, Product
from portal.appointments.services import TooManyBookings, booking_cancel, booking_create, booking_move
from tests.appointments.conftest import at, query
from tests.factories.appointments import DeskFactory, ProductFactory
from tests.factories.cases import make_resident
from tests.helpers import login_resident

pytestmark = pytest.mark.usefixtures("clock")


def _book(products, desk, start, **person):
    return booking_create(
        products=products,
        persons=1,
        location=desk.location,
        starts_at=start,
        name="Jan Jansen",
        email=person.pop("email", "jan@example.nl"),
        **person,
    )


def test_one_open_passport_appointment_per_email_address_by_default(desk, passport):
    first = _book([passport], desk, at("2026-11-25", 10))
    for email in ("jan@example.nl", "JAN@Example.nl"):
        with pytest.raises(TooManyBookings) as refused:
            _book([passport], desk, at("2026-11-26", 10), email=email)
        assert refused.value.product == passport and refused.value.held == [first]
    assert _book([passport], desk, at("2026-11-26", 10), email="piet@example.nl"), "someone else may"
    booking_cancel(booking=first)
    assert _book([passport], desk, at("2026-11-26", 11)), "a cancelled appointment no longer counts"


def test_an_appointment_that_has_passed_no_longer_counts(desk, passport, clock):
    _book([passport], desk, at("2026-11-24", 10))
    clock.move_to("2026-11-24 12:00:00")
    assert _book([passport], desk, at("2026-11-26", 10))


def test_the_limit_is_the_products_and_two_at_once_are_never_allowed(desk, passport):
    id_card = ProductFactory(slug="id-kaart", name="ID-kaart", duration_minutes=10)
    desk.products.add(id_card)
    Product.objects.filter(pk=passport.pk).update(max_open_per_person=2)
    passport.refresh_from_db()
    _book([passport], desk, at("2026-11-25", 10))
    _book([passport], desk, at("2026-11-26", 10))
    with pytest.raises(TooManyBookings) as third:
        _book([passport], desk, at("2026-11-27", 10))
    assert third.value.product == passport and len(third.value.held) == 2
    second_desk = DeskFactory(products=[id_card], location=desk.location)
    with pytest.raises(TooManyBookings) as overlapping:
        _book([id_card], second_desk, at("2026-11-25", 10, 10))  # during the passport appointment
    assert overlapping.value.overlapping
    assert _book([id_card], second_desk, at("2026-11-25", 10, 20)), "right after it is fine"


def test_a_resident_is_counted_by_account_not_by_the_address_they_type(desk, passport):
    resident = make_resident()
    _book([passport], desk, at("2026-11-25", 10), resident=resident, email="a@example.nl")
    with pytest.raises(TooManyBookings):
        _book([passport], desk, at("2026-11-26", 10), resident=resident, email="b@example.nl")


def test_moving_onto_ones_own_other_appointment_is_refused(client, desk, passport):
    id_card = ProductFactory(slug="id-kaart", name="ID-kaart", duration_minutes=10)
    desk.products.add(id_card)
    DeskFactory(products=[passport, id_card], location=desk.location)
    card = _book([id_card], desk, at("2026-11-25", 11))
    passport_booking = _book([passport], desk, at("2026-11-25", 10))
    with pytest.raises(TooManyBookings):
        booking_move(booking=passport_booking, starts_at=at("2026-11-25", 10, 50))
    passport_booking.refresh_from_db()
    assert passport_booking.starts_at == at("2026-11-25", 10), "the old time stays"
    assert booking_move(booking=passport_booking, starts_at=at("2026-11-25", 9)).starts_at == at("2026-11-25", 9)
    assert Booking.objects.get(pk=card.pk).starts_at == at("2026-11-25", 11)


def _details_url(start) -> str:
    return "/afspraak/gegevens/?" + query(products="paspoort", persons=1, location="stadhuis", start=start.isoformat())


def test_without_digid_the_refusal_shows_no_appointments_of_the_address(client, desk, passport):
    _book([passport], desk, at("2026-11-25", 10))
    response = client.post(_details_url(at("2026-11-26", 10)), {"name": "Iemand", "email": "jan@example.nl"})
    page = response.content.decode()
    assert response.status_code == 409 and "U heeft al een afspraak" in page
    assert "bevestigingsmail" in page and "25 november" not in page, "an address tells nobody what it holds"
    assert "no-store" in response["Cache-Control"]
    assert Booking.objects.count() == 1


def test_a_logged_in_resident_sees_the_appointments_they_hold_with_a_way_to_move_or_cancel(client, desk, passport):
    resident = make_resident()
    held = _book([passport], desk, at("2026-11-25", 10), resident=resident)
    login_resident(client, resident)
    response = client.post(_details_url(at("2026-11-26", 10)), {"name": "Jan Jansen", "email": "jan@example.nl"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "1 afspraak tegelijk" in page and f"/mijn/afspraken/{held.uuid}/" in page and "25 november" in page
    assert client.get(f"/mijn/afspraken/{held.uuid}/").status_code == 302, "the link leads to move and cancel"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_requests_of_one_resident_make_one_appointment(passport, desk):
    from tests.appointments.test_concurrency import _all_at_once

    for _other in range(4):
        DeskFactory(products=[passport], location=desk.location)
    resident = make_resident()
    outcomes = _all_at_once(
        lambda i: _book([passport], desk, at("2026-11-25", 9 + i % 8, 0 if i < 8 else 30), resident=resident)
    )
    booked = [outcome for outcome in outcomes if isinstance(outcome, Booking)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, TooManyBookings)]
    assert len(booked) == 1, [o for o in outcomes if not isinstance(o, (Booking, TooManyBookings))]
    assert len(refused) == len(outcomes) - 1
    assert Booking.objects.filter(resident=resident).count() == 1
