"""The resident's mail once a payment is in: the amount, what for and the reference; never personal data."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from portal.payments.models import Payment
from portal.payments.templatetags.payments import euros


def send_paid_mail(*, payment: Payment, address: str) -> bool:
    if not address:
        return False
    subject = _("Betaling ontvangen (%(reference)s)") % {"reference": payment.reference}
    body = _(
        "We hebben uw betaling van %(amount)s ontvangen voor: %(description)s.\n\n"
        "Kenmerk van de betaling: %(reference)s.\n"
        "Uw betaalbewijs staat in Mijn Loket onder Betalingen: %(url)s\n\n"
        "Dit is een automatisch bericht; u kunt er niet op antwoorden."
    ) % {
        "amount": euros(payment.amount_cents),
        "description": payment.description,
        "reference": payment.reference,
        "url": f"{settings.LOKET_PUBLIC_URL}/mijn/betalingen/",
    }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    return True
