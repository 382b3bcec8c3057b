"""Mails about an appointment, each with the appointment as an iCalendar attachment (the same UID throughout, a
higher SEQUENCE after a move, METHOD:CANCEL after cancelling) so calendars update the entry they already have."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from portal.appointments.models import Booking
from portal.appointments.services import manage_token

SUBJECTS = {
    "booked": gettext_lazy("Uw afspraak is gemaakt"),
    "moved": gettext_lazy("Uw afspraak is verplaatst"),
    "cancelled": gettext_lazy("Uw afspraak is geannuleerd"),
    "reminder": gettext_lazy("Herinnering: morgen uw afspraak"),
    "survey": gettext_lazy("Hoe was uw afspraak?"),
}


def booking_ics(booking: Booking, *, cancelled: bool = False) -> bytes:
    products = ", ".join(product.text.name for product in booking.products.all())
    calendar = Calendar()
    calendar.add("prodid", "-//Loket//Afspraken//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", f"{booking.uuid}@loket")
    event.add("sequence", booking.link_version)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(booking.starts_at))
    event.add("dtend", timezone.localtime(booking.ends_at))
    event.add("summary", _("Afspraak: %(products)s") % {"products": products})
    event.add("location", f"{booking.location.text.name}, {booking.location.address}")
    event.add("description", "\n".join(p.text.description for p in booking.products.all() if p.description))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def booking_mail_send(*, booking_id: int, kind: str) -> str:
    """Written in the language the appointment was booked in, whoever sets it off (a move by staff, the reminder
    run)."""
    booking = (
        Booking.objects.select_related("location")
        .prefetch_related("products__translations", "location__translations")
        .get(pk=booking_id)
    )
    with translation.override(booking.language):
        return _booking_mail_send(booking, kind)


def _booking_mail_send(booking: Booking, kind: str) -> str:
    if kind == "survey":
        return _survey_mail_send(booking)
    if kind != "cancelled" and booking.state != Booking.State.BOOKED:
        return "not booked any more"
    link = ""
    if kind != "cancelled":
        link = settings.LOKET_PUBLIC_URL + reverse("appointments:manage", kwargs={"token": manage_token(booking)})
    body = render_to_string(
        "appointments/email/booking.txt",
        {
            "booking": booking,
            "kind": kind,
            "link": link,
            "starts_at": timezone.localtime(booking.starts_at),
            "sender": settings.WAGTAIL_SITE_NAME,
        },
    )
    mail = EmailMultiAlternatives(str(SUBJECTS[kind]), body, to=[booking.email])
    mail.attach("afspraak.ics", booking_ics(booking, cancelled=kind == "cancelled"), "text/calendar")
    mail.send()
    return "sent"


def _survey_mail_send(booking: Booking) -> str:
    """After the appointment: one question, answered on the portal through a signed link (no login, no name kept)."""
    from portal.opendata.models import Journey
    from portal.opendata.services import JourneyRef

    # The answer is counted under the products' own names, whatever language the mail is in.
    products = booking.products.all()
    token = JourneyRef(Journey.APPOINTMENT, str(booking.uuid), ", ".join(p.name for p in products)).token()
    products = ", ".join(product.text.name for product in products)
    link = f"{settings.LOKET_PUBLIC_URL}{reverse('opendata:satisfaction')}?{urlencode({'t': token})}"
    body = render_to_string(
        "appointments/email/survey.txt",
        {"booking": booking, "products": products, "link": link, "sender": settings.WAGTAIL_SITE_NAME},
    )
    EmailMultiAlternatives(str(SUBJECTS["survey"]), body, to=[booking.email]).send()
    return "sent"
