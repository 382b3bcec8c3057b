"""How a resident hears there is something new: e-mail, and SMS where they prefer it. The notice says only
that there is a message in Mijn Loket — never its content, never personal data — and links to the login."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from portal.inbox.language import in_language_of
from portal.profile.selectors import notification_addresses

logger = logging.getLogger(__name__)


def _text() -> tuple[str, str]:
    subject = _("U heeft een nieuw bericht van de gemeente")
    body = _(
        "Er staat een nieuw bericht voor u klaar in Mijn Loket.\n\n"
        "Log in met DigiD om het te lezen: %(url)s\n\n"
        "Dit is een automatisch bericht; u kunt er niet op antwoorden."
    ) % {"url": f"{settings.LOKET_PUBLIC_URL}/mijn/berichten/"}
    return subject, body


class LoggingSmsBackend:
    """Development SMS backend: writes that an SMS would go out, without the number."""

    def send(self, *, phone_number: str, text: str) -> None:
        logger.info("sms notification (development backend, not sent)", extra={"characters": len(text)})


def notify_new_message(resident, *, channels: set[str] | None = None) -> list[str]:
    """Sends the 'new message' notice on the channels the resident chose (or `channels`, where a notice category
    has its own choice), in their language; returns which channels were used."""
    used = []
    with in_language_of(resident):
        subject, body = _text()
    addresses = notification_addresses(resident=resident, channels=channels)
    if "email" in addresses:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [addresses["email"]])
        used.append("email")
    if "sms" in addresses:
        import_string(settings.LOKET_SMS_BACKEND)().send(phone_number=addresses["sms"], text=subject)
        used.append("sms")
    return used
