"""After an attended appointment the resident is asked once, by mail, how it went; the answer is anonymous."""

import re

from django.core.management import call_command

from portal.appointments.models import Booking
from portal.appointments.services import booking_create, satisfaction_requests_send
from portal.opendata.models import Satisfaction
from tests.appointments.conftest import at


def _booking(passport, desk, start, state=Booking.State.DONE, email="jan@example.nl") -> Booking:
    booking = booking_create(
        products=[passport], persons=1, location=desk.location, starts_at=start, name="Jan Jansen", email=email
    )
    Booking.objects.filter(pk=booking.pk).update(state=state)
    return booking


def test_an_attended_appointment_is_asked_about_once(client, desk, passport, mailoutbox, clock):
    _booking(passport, desk, at("2026-11-24", 10))
    _booking(passport, desk, at("2026-11-24", 11), state=Booking.State.NO_SHOW, email="weg@example.nl")
    _booking(passport, desk, at("2026-11-24", 12), state=Booking.State.BOOKED, email="open@example.nl")
    clock.move_to("2026-11-24 13:00:00")
    mailoutbox.clear()
    assert satisfaction_requests_send() == 1
    call_command("appointments_run", stdout=None)  # the hourly job: nothing new
    assert satisfaction_requests_send() == 0
    (mail,) = [mail for mail in mailoutbox if mail.subject == "Hoe was uw afspraak?"]
    assert mail.to == ["jan@example.nl"] and "Paspoort" in mail.body and not mail.attachments

    link = re.search(r"http://testserver(/tevredenheid/\?t=\S+)", mail.body).group(1)
    page = client.get(link)
    assert page.status_code == 200 and "Over: Paspoort" in page.content.decode()
    token = page.context["form"]["token"].value()
    assert client.post("/tevredenheid/", {"token": token, "score": "5"}).status_code == 302
    answer = Satisfaction.objects.get()
    assert (answer.journey, answer.subject, answer.score) == ("appointment", "Paspoort", 5)
    assert client.post("/tevredenheid/", {"token": token, "score": "1"}).status_code == 409


def test_an_appointment_more_than_a_week_ago_is_not_asked_about(desk, passport, mailoutbox, clock):
    _booking(passport, desk, at("2026-11-24", 10))
    clock.move_to("2026-12-02 10:00:00")
    assert satisfaction_requests_send() == 0
