"""Residents book, move and cancel appointments; the database decides who gets a time."""

import re
from datetime import time, timedelta

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from icalendar import Calendar

from portal.appointments.models import Booking, Claim, Product
from portal.appointments.services import (
    SlotTaken,
    block_create,
    booking_cancel,
    booking_create,
    booking_move,
    manage_token,
    reminders_send,
)
from tests.appointments.conftest import at, query
from tests.factories.appointments import DeskFactory, LocationFactory, ProductFactory, login_product
from tests.factories.cases import make_resident
from tests.helpers import login_resident, login_staff

pytestmark = pytest.mark.usefixtures("clock")


def _book(passport, desk, start, **kwargs):
    return booking_create(
        products=[passport],
        persons=kwargs.pop("persons", 1),
        location=desk.location,
        starts_at=start,
        name=kwargs.pop("name", "Jan Jansen"),
        email=kwargs.pop("email", "jan@example.nl"),
        **kwargs,
    )


def _link_from(mail) -> str:
    return re.search(r"http://\S+/afspraak/beheer/\S+/", mail.body).group(0).split("testserver", 1)[-1]


def test_a_resident_books_step_by_step_and_gets_a_mail_with_a_calendar_entry(
    client, desk, passport, mailoutbox, django_capture_on_commit_callbacks
):
    location = desk.location
    page = client.get("/afspraak/?products=paspoort").content.decode()
    assert 'value="paspoort" checked' in page

    page = client.get("/afspraak/locatie/?" + query(products="paspoort", persons=2)).content.decode()
    assert location.name in page

    calendar = client.get("/afspraak/dag/?" + query(products="paspoort", persons=2, location="stadhuis"))
    assert calendar.status_code == 200
    html = calendar.content.decode()
    assert "day=2026-11-24" in html  # tomorrow is the first bookable day
    assert "day=2026-11-23" not in html  # not today
    assert "day=2026-11-28" not in html  # Saturday: closed

    times = client.get(
        "/afspraak/tijd/?" + query(products="paspoort", persons=2, location="stadhuis", day="2026-11-25")
    )
    starts = re.findall(r'name="start" id="id_start_\d+" value="([^"]+)"', times.content.decode())
    assert starts[0] == "2026-11-25T09:00:00+01:00"
    # 2 persons take 30 minutes: the last start is 16:30, on 10-minute steps.
    assert starts[-1] == "2026-11-25T16:30:00+01:00"
    assert len(starts) == 46  # 09:00 … 16:30

    url = "/afspraak/gegevens/?" + query(products="paspoort", persons=2, location="stadhuis", start=starts[1])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"name": "Jan Jansen", "email": "jan@example.nl", "phone": "06 12345678"})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.starts_at, booking.ends_at) == (at("2026-11-25", 9, 10), at("2026-11-25", 9, 40))
    assert booking.persons == 2 and booking.resident is None
    assert Claim.objects.filter(booking=booking).count() == 6  # 30 minutes in 5-minute units

    mail = mailoutbox[0]
    assert mail.to == ["jan@example.nl"]
    assert "woensdag 25 november 2026, 09:10" in mail.body
    name, content, mimetype = mail.attachments[0]
    assert (name, mimetype) == ("afspraak.ics", "text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == at("2026-11-25", 9, 10)
    assert event.decoded("dtend") == at("2026-11-25", 9, 40)
    assert str(event["uid"]) == f"{booking.uuid}@loket"

    page = client.get(_link_from(mail))
    assert page.status_code == 200
    assert "Afspraak verplaatsen" in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_a_product_that_needs_digid_asks_to_log_in_and_then_knows_the_resident(client, desk, settings):
    brp_extract = login_product(slug="uittreksel")
    desk.products.add(brp_extract)
    url = "/afspraak/gegevens/?" + query(
        products="uittreksel", persons=1, location="stadhuis", start="2026-11-25T10:00:00+01:00"
    )
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")

    resident = make_resident()
    from portal.profile.services import contact_preferences_update

    contact_preferences_update(
        resident=resident, email="bekend@example.nl", phone="", notify_by_email=True, notify_by_sms=False
    )
    login_resident(client, resident)
    page = client.get(url).content.decode()
    assert 'value="bekend@example.nl"' in page
    response = client.post(url, {"name": "Bekende Inwoner", "email": "bekend@example.nl"})
    assert response.status_code == 302
    assert Booking.objects.get().resident == resident


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"persons": 0}, "Kies 1 tot en met 10 personen."),
        ({"persons": 99}, "Kies 1 tot en met 10 personen."),
        ({"persons": 5}, "hooguit 4 personen"),
        ({"persons": "twee"}, "Kies 1 tot en met 10 personen."),
        ({"products": "onbekend"}, "Dit kunt u niet (meer) online afspreken."),
        ({"products": "<script>alert(1)</script>"}, "Dit kunt u niet (meer) online afspreken."),
        ({"day": "2026-11-20"}, "Deze dag is al voorbij"),
        ({"day": "2026-11-23"}, "U kunt een afspraak maken van 24-11-2026 tot en met 21-02-2027."),
        ({"day": "2027-03-01"}, "U kunt een afspraak maken van 24-11-2026 tot en met 21-02-2027."),
        ({"day": "2026-02-30"}, "Deze datum bestaat niet."),
        ({"location": "nergens"}, "Deze locatie bestaat niet."),
        ({"location": ""}, "Kies een locatie."),
        ({"day": ""}, "Kies een dag."),
        ({"products": []}, "Kies waarvoor u een afspraak wilt maken."),
    ],
)
def test_wrong_choices_get_a_clear_error_on_the_step_that_asks_for_them(client, desk, values, message):
    params = {"products": "paspoort", "persons": 1, "location": "stadhuis", "day": "2026-11-25"} | values
    response = client.get("/afspraak/tijd/?" + query(**params))
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(("start", "message"), [("", "Kies een tijd."), ("morgen", "Kies een van de getoonde tijden.")])
def test_the_details_step_without_a_usable_time_shows_the_calendar_with_the_reason(client, desk, start, message):
    url = "/afspraak/gegevens/?" + query(products="paspoort", persons=1, location="stadhuis", start=start)
    response = client.get(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "loket-calendar" in html


def test_closed_days_and_public_holidays_have_no_times(client, desk):
    from portal.appointments.models import Closure

    Closure.objects.create(location=desk.location, date="2026-11-26", reason="Verhuizing")
    for day in ("2026-12-25", "2026-12-26", "2026-11-26", "2026-11-29"):  # both Christmas days, closure, Sunday
        page = client.get("/afspraak/tijd/?" + query(products="paspoort", persons=1, location="stadhuis", day=day))
        assert page.status_code == 200
        assert 'name="start"' not in page.content.decode()
        assert "geen plek meer" in page.content.decode()
    with pytest.raises(ValidationError, match="gesloten"):
        _book(desk.products.get(), desk, at("2026-12-25", 10))


def test_the_month_calendar_costs_the_same_few_queries_with_many_bookings(
    client, desk, passport, django_assert_max_num_queries
):
    for day in ("2026-11-25", "2026-11-26", "2026-12-01"):
        for hour in range(9, 17):
            _book(passport, desk, at(day, hour), email=f"inwoner-{day}-{hour}@example.nl")
    with django_assert_max_num_queries(15):
        response = client.get("/afspraak/dag/?" + query(products="paspoort", persons=1, location="stadhuis"))
    assert response.status_code == 200


def test_a_taken_time_answers_with_nearby_alternatives_and_keeps_the_details(client, desk, passport):
    _book(passport, desk, at("2026-11-25", 10))
    url = "/afspraak/gegevens/?" + query(
        products="paspoort", persons=1, location="stadhuis", start="2026-11-25T10:00:00+01:00"
    )
    response = client.post(url, {"name": "Tweede Inwoner", "email": "tweede@example.nl"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "net door iemand anders geboekt" in html
    assert 'value="Tweede Inwoner"' in html
    offered = re.findall(r'name="start" id="id_start_\d+" value="([^"]+)"', html)
    assert "2026-11-25T09:40:00+01:00" in offered and "2026-11-25T10:20:00+01:00" in offered
    assert "2026-11-25T10:00:00+01:00" not in offered
    response = client.post(url, {"name": "Tweede Inwoner", "email": "tweede@example.nl", "start": offered[0]})
    assert response.status_code == 302
    assert Booking.objects.count() == 2


def test_two_bookings_never_overlap_even_when_lengths_differ(desk, passport):
    _book(passport, desk, at("2026-11-25", 10), persons=3)  # 10:00 to 10:40
    with pytest.raises(SlotTaken):
        _book(passport, desk, at("2026-11-25", 10, 30), email="piet@example.nl")
    _book(passport, desk, at("2026-11-25", 10, 40), email="piet@example.nl")
    second_desk = DeskFactory(products=[passport], location=desk.location)
    assert _book(passport, desk, at("2026-11-25", 10, 30), email="kees@example.nl").resource == second_desk


def test_the_database_refuses_a_double_claim_even_without_the_check(desk, passport):
    from django.db import IntegrityError, transaction

    booking = _book(passport, desk, at("2026-11-25", 10))
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(resource=desk, starts_at=at("2026-11-25", 10, 5), booking=booking)


def test_moving_is_atomic_the_old_time_is_kept_when_the_new_one_is_taken(
    desk, passport, django_capture_on_commit_callbacks
):
    mine = _book(passport, desk, at("2026-11-25", 10))
    _book(passport, desk, at("2026-11-26", 11), email="ander@example.nl")
    with pytest.raises(SlotTaken) as taken:
        booking_move(booking=mine, starts_at=at("2026-11-26", 11))
    assert taken.value.alternatives
    mine.refresh_from_db()
    assert mine.starts_at == at("2026-11-25", 10)
    assert set(mine.claims.values_list("starts_at", flat=True)) == {
        at("2026-11-25", 10) + timedelta(minutes=5 * i) for i in range(4)
    }
    # Overlapping its own old time is fine: the old claims go in the same transaction.
    moved = booking_move(booking=mine, starts_at=at("2026-11-25", 10, 10))
    assert moved.starts_at == at("2026-11-25", 10, 10) and moved.claims.count() == 4


def test_move_and_cancel_through_the_mail_link(client, desk, passport, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = _book(passport, desk, at("2026-11-25", 10))
    link = _link_from(mailoutbox[0])
    page = client.get(link + "verplaatsen/?day=2026-11-27")
    assert page.status_code == 200
    new_start = re.findall(r'name="start" id="id_start_\d+" value="([^"]+)"', page.content.decode())[3]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link + "verplaatsen/?day=2026-11-27", {"start": new_start})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.starts_at == at("2026-11-27", 9, 30)
    moved_mail = mailoutbox[-1]
    assert "verplaatst" in moved_mail.subject
    assert Calendar.from_ical(moved_mail.attachments[0][1]).walk("VEVENT")[0]["sequence"] == 1

    assert client.get(link).status_code == 410  # the old link stopped working with the move
    new_link = _link_from(moved_mail)
    question = client.get(new_link + "annuleren/").content.decode()
    assert "Weet u zeker dat u deze afspraak wilt annuleren?" in question and "27 november 2026" in question
    assert client.post(new_link + "annuleren/").status_code == 200, "a post without the confirmation asks again"
    booking.refresh_from_db()
    assert booking.state == Booking.State.BOOKED, "nothing is cancelled on the first click"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(new_link + "annuleren/", {"confirm": "yes"}).status_code == 200
    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED and not booking.claims.exists()
    assert "METHOD:CANCEL" in mailoutbox[-1].attachments[0][1]
    again = client.post(new_link + "annuleren/", {"confirm": "yes"})
    assert again.status_code == 410 and "al geannuleerd" in again.content.decode()


def test_a_link_cannot_reach_another_booking_and_broken_links_get_a_clear_page(client, desk, passport, clock):
    mine = _book(passport, desk, at("2026-11-25", 10))
    other = _book(passport, desk, at("2026-11-25", 11), email="ander@example.nl")
    token = manage_token(mine)
    rest = token.split(":", 1)[1]
    forged = signing.b64_encode(f'["{other.uuid}",0]'.encode()).decode() + ":" + rest
    assert client.post(f"/afspraak/beheer/{forged}/annuleren/", {"confirm": "yes"}).status_code == 404
    assert client.get(f"/afspraak/beheer/{token[:-4]}/").status_code == 404
    assert "niet compleet" in client.get("/afspraak/beheer/zomaar-iets/").content.decode()
    other.refresh_from_db()
    assert other.state == Booking.State.BOOKED

    clock.move_to("2026-11-25 12:00:00")
    page = client.get(f"/afspraak/beheer/{token}/")
    assert page.status_code == 410 and "al geweest" in page.content.decode()
    clock.move_to("2028-01-01")
    assert "verlopen" in client.get(f"/afspraak/beheer/{token}/").content.decode()


def test_a_resident_finds_only_their_own_bookings_from_mijn_loket(client, desk, passport):
    resident, other = make_resident(), make_resident()
    mine = _book(passport, desk, at("2026-11-25", 10), resident=resident)
    theirs = _book(passport, desk, at("2026-11-25", 11), resident=other)
    login_resident(client, resident)
    assert client.get(f"/mijn/afspraken/{mine.uuid}/").status_code == 302
    assert client.get(f"/mijn/afspraken/{theirs.uuid}/").status_code == 404
    overview = client.get("/mijn/").content.decode()
    assert "woensdag 25 november 2026" in overview


def test_reminders_go_once_a_day_ahead(desk, passport, mailoutbox, clock):
    _book(passport, desk, at("2026-11-25", 10))
    _book(passport, desk, at("2026-11-26", 10), email="later@example.nl")
    clock.move_to("2026-11-24 10:00:00")  # 11:00 in Amsterdam: the first is 23 hours away
    assert reminders_send() == 1
    assert reminders_send() == 0
    assert [mail.to for mail in mailoutbox if "Herinnering" in mail.subject] == [["jan@example.nl"]]


def test_a_daylight_saving_day_has_every_real_hour_once(db, passport):
    from portal.appointments.selectors import Availability

    # Open on Sundays, holidays included (28 March 2027 is Easter Sunday).
    location = LocationFactory(open_weekdays=(time(1), time(4)), closed_on_public_holidays=False)
    sunday_desk = DeskFactory(products=[passport], location=location)
    from portal.appointments.models import OpeningHours

    OpeningHours.objects.create(location=sunday_desk.location, weekday=6, opens=time(1), closes=time(4))
    for day, real_hours in (("2027-03-28", 2), ("2026-11-29", 3), ("2027-10-31", 4)):
        from datetime import date

        the_day = date.fromisoformat(day)
        passport.max_days_ahead = 400
        availability = Availability(
            products=[passport], persons=1, location=sunday_desk.location, first=the_day, last=the_day
        )
        starts = availability.starts(the_day)
        assert len(set(starts)) == len(starts)
        # 20-minute appointments every 10 minutes in the real time the desk is open.
        assert len(starts) == real_hours * 6 - 1


def test_staff_day_list_marks_outcomes_and_blocks_time(client, desk, passport, clock):
    from django.contrib.auth.models import Permission

    from portal.core.models import AccessLogEntry
    from tests.factories.users import EditorFactory

    booking = _book(passport, desk, at("2026-11-25", 10))
    staff = EditorFactory(is_superuser=False, is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=["view_booking", "change_booking"]),
    )
    login_staff(client, staff)
    url = f"/cms/afspraken/?location={desk.location.pk}&day=2026-11-25"
    page = client.get(url)
    assert page.status_code == 200 and "Jan Jansen" in page.content.decode()
    assert AccessLogEntry.objects.filter(user=staff).exists()
    assert "Jan Jansen" in client.get(url + "&print=1").content.decode()

    client.post(url, {"booking": booking.uuid, "outcome": "no_show"})
    booking.refresh_from_db()
    assert booking.state == Booking.State.BOOKED  # not yet begun: cannot have been missed
    clock.move_to("2026-11-25 09:30:00")
    login_staff(client, staff)  # the idle timeout ended the session while the clock moved on
    response = client.post(url, {"booking": booking.uuid, "outcome": "no_show"}, follow=True)
    booking.refresh_from_db()
    assert booking.state == Booking.State.NO_SHOW, response.content.decode()

    response = client.post(
        url,
        {
            "block": "1",
            "resource": desk.pk,
            "day": "2026-11-26",
            "starts": "13:00",
            "ends": "14:00",
            "reason": "Training",
        },
    )
    assert response.status_code == 302
    with pytest.raises(SlotTaken):
        _book(passport, desk, at("2026-11-26", 13, 30))
    with pytest.raises(ValidationError, match="al iets gepland"):
        block_create(
            resource=desk, starts_at=at("2026-11-26", 13, 50), ends_at=at("2026-11-26", 14, 30), reason="x", by=staff
        )


def test_the_day_list_is_only_for_staff_with_the_permission(client, desk):
    from django.contrib.auth.models import Permission

    from tests.factories.users import EditorFactory

    staff = EditorFactory(is_superuser=False, is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_staff(client, staff)
    assert client.get("/cms/afspraken/").status_code in (302, 403)


def test_cancel_twice_in_the_service_is_refused(desk, passport):
    booking = _book(passport, desk, at("2026-11-25", 10))
    booking_cancel(booking=booking)
    with pytest.raises(ValidationError):
        booking_cancel(booking=booking)


def test_unknown_or_inactive_product_and_wrong_counts_are_refused_by_the_service(desk, passport):
    with pytest.raises(ValidationError, match="personen"):
        _book(passport, desk, at("2026-11-25", 10), persons=0)
    with pytest.raises(ValidationError, match="personen"):
        _book(passport, desk, at("2026-11-25", 10), persons=99)
    with pytest.raises(ValidationError, match="Kies een van de getoonde tijden"):
        _book(passport, desk, at("2026-11-25", 10, 3))
    passport.active = False
    passport.save()
    with pytest.raises(ValidationError, match="Kies waarvoor"):
        _book(passport, desk, at("2026-11-25", 10))
    elsewhere = ProductFactory()
    with pytest.raises(ValidationError, match="geen afspraak"):
        booking_create(
            products=[elsewhere],
            persons=1,
            location=desk.location,
            starts_at=at("2026-11-25", 10),
            name="x",
            email="x@example.nl",
        )


def test_mijn_loket_with_many_appointments_stays_within_15_queries(
    client, desk, passport, django_assert_max_num_queries
):
    resident = make_resident()
    # More than any product allows in practice (the editor's field stops at 10): the page must still be cheap.
    Product.objects.filter(pk=passport.pk).update(max_open_per_person=30)
    passport.refresh_from_db()
    for day in ("2026-11-25", "2026-11-26", "2026-11-27"):
        for hour in range(9, 16):
            _book(passport, desk, at(day, hour), resident=resident)
    login_resident(client, resident)
    client.get("/mijn/")
    with django_assert_max_num_queries(15):
        html = client.get("/mijn/").content.decode()
    assert html.count("/mijn/afspraken/") == 5  # the next five


def test_a_block_over_several_days_closes_each_of_them_and_only_them(client, desk, passport):
    block_create(
        resource=desk, starts_at=at("2026-11-25", 16), ends_at=at("2026-11-27", 10), reason="Verbouwing", by=None
    )
    times = {
        day: re.findall(
            r'name="start" id="id_start_\d+" value="([^"]+)"',
            client.get(
                "/afspraak/tijd/?" + query(products="paspoort", persons=1, location="stadhuis", day=day)
            ).content.decode(),
        )
        for day in ("2026-11-25", "2026-11-26", "2026-11-27")
    }
    assert times["2026-11-25"][-1] == "2026-11-25T15:40:00+01:00"  # a 20-minute slot ends when the block starts
    assert times["2026-11-26"] == []
    assert times["2026-11-27"][0] == "2026-11-27T10:00:00+01:00"


# -- paying the fee in advance, where the product allows it ----------------------------------------------------------


@pytest.fixture
def psp(monkeypatch):
    from tests import testserver

    return testserver.install(monkeypatch)


def _paid_online(client, booking, django_capture_on_commit_callbacks):
    from portal.payments.models import Payment
    from portal.payments.services import payment_sync
    from tests.payments.conftest import settle

    link = f"/afspraak/beheer/{manage_token(booking)}/"
    response = client.post(link + "betalen/")
    assert response.status_code == 302 and "/psp/checkout/tr_" in response.url
    payment = Payment.objects.get(purpose="booking", purpose_id=str(booking.uuid))
    settle(payment, "paid")
    with django_capture_on_commit_callbacks(execute=True):
        return payment_sync(payment=payment, source="return"), link


def test_a_passport_fee_is_paid_online_and_refunded_when_cancelled(
    client, psp, desk, passport, django_capture_on_commit_callbacks
):
    from portal.payments.models import Refund

    Product.objects.filter(pk=passport.pk).update(fee="84.70", pay_online=True, ledger_code="8300.30")
    booking = _book(passport, desk, at("2026-11-25", 10), persons=2)
    page = client.get(f"/afspraak/beheer/{manage_token(booking)}/").content.decode()
    assert "€ 169,40" in page and "Nu online betalen" in page
    payment, link = _paid_online(client, booking, django_capture_on_commit_callbacks)
    assert (payment.amount_cents, payment.ledger_code, payment.state) == (16940, "8300.30", "paid")
    booking.refresh_from_db()
    assert booking.paid_at is not None
    assert "vooraf betaald" in client.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booking)
    assert Refund.objects.get(payment=payment).amount_cents == 16940


def test_a_product_paid_at_the_desk_is_not_paid_online(client, psp, desk, passport):
    from portal.payments.models import Payment

    Product.objects.filter(pk=passport.pk).update(fee="84.70", pay_online=False)
    booking = _book(passport, desk, at("2026-11-25", 10))
    link = f"/afspraak/beheer/{manage_token(booking)}/"
    assert "U betaalt aan de balie" in client.get(link).content.decode()
    response = client.post(link + "betalen/", follow=True)
    assert "Hiervoor hoeft u niets (meer) te betalen." in response.content.decode()
    assert not Payment.objects.exists()
    assert client.get(link + "betalen/").status_code == 302, "only a POST starts paying"


def test_a_fee_paid_after_the_booking_was_cancelled_goes_back(
    client, psp, desk, passport, django_capture_on_commit_callbacks
):
    from portal.payments.models import Payment, Refund
    from portal.payments.services import payment_start, payment_sync
    from tests.payments.conftest import settle

    Product.objects.filter(pk=passport.pk).update(fee="84.70", pay_online=True)
    booking = _book(passport, desk, at("2026-11-25", 10))
    payment = payment_start(purpose="booking", purpose_id=str(booking.uuid))
    booking_cancel(booking=booking)
    settle(payment, "paid")
    with django_capture_on_commit_callbacks(execute=True):
        payment_sync(payment=payment, source="webhook")
    assert Refund.objects.get(payment=payment).amount_cents == 8470
    assert Payment.objects.get(pk=payment.pk).state == "refunded"
