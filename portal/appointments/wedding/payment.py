"""Paying the ceremony's fee: within the 7-day hold, or the hold lapses (weddings_expire). A payment that arrives
after the hold ended keeps nothing and is refunded."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.appointments.models import Wedding
from portal.payments.purposes import NothingToPay, PaymentPurpose, PaymentRequest
from portal.payments.purposes import registry as purposes

PURPOSE = "wedding"


def _wedding(purpose_id: str) -> Wedding:
    wedding = Wedding.objects.select_related("ceremony_type", "resident").filter(uuid=purpose_id).first()
    if wedding is None:
        raise NothingToPay
    return wedding


def _description(wedding: Wedding) -> str:
    day = date_format(localtime(wedding.starts_at), "j F Y")
    return _("%(ceremony)s op %(day)s") % {"ceremony": wedding.ceremony_type.text.name, "day": day}


def _owed(wedding: Wedding) -> bool:
    return wedding.needs_payment and wedding.state in (Wedding.State.PROVISIONAL, Wedding.State.CONFIRMED)


@purposes.register(PURPOSE)
class WeddingPayment(PaymentPurpose):
    verbose_name = gettext_lazy("Huwelijk")

    def payment_request(self, *, purpose_id):
        wedding = _wedding(purpose_id)
        if not _owed(wedding):
            raise NothingToPay
        return PaymentRequest(
            amount_cents=wedding.fee_cents,
            description=_description(wedding),
            ledger_code=wedding.ceremony_type.ledger_code,
            resident=wedding.resident,
        )

    def return_url(self, *, payment):
        return reverse("wedding:mine", kwargs={"uuid": payment.purpose_id})

    def on_paid(self, *, payment):
        from portal.appointments.wedding.services import wedding_paid

        return wedding_paid(wedding=_wedding(payment.purpose_id))

    def contact_email(self, *, payment):
        from portal.profile.selectors import verified_email

        return verified_email(resident=_wedding(payment.purpose_id).resident)

    def owed_by(self, *, resident):
        weddings = Wedding.objects.filter(resident=resident, paid_at__isnull=True, held_until__isnull=False)
        return [
            {"purpose_id": str(wedding.uuid), "description": _description(wedding), "amount_cents": wedding.fee_cents}
            for wedding in weddings.select_related("ceremony_type")
            if _owed(wedding)
        ]
