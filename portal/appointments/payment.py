"""Paying an appointment's fee in advance, where the product allows it (else, or if the resident prefers, at the
desk). A booking cancelled after paying gets its money back; one paid after it was cancelled too."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.appointments.models import Booking
from portal.payments.purposes import NothingToPay, PaymentPurpose, PaymentRequest
from portal.payments.purposes import registry as purposes

PURPOSE = "booking"


def _booking(purpose_id: str) -> Booking:
    booking = Booking.objects.prefetch_related("products").select_related("resident").filter(uuid=purpose_id).first()
    if booking is None:
        raise NothingToPay
    return booking


@purposes.register(PURPOSE)
class BookingPayment(PaymentPurpose):
    verbose_name = gettext_lazy("Afspraak")

    def payment_request(self, *, purpose_id):
        booking = _booking(purpose_id)
        if booking.state != Booking.State.BOOKED or booking.paid_at or not booking.payable_online():
            raise NothingToPay
        products = list(booking.products.all())
        when = date_format(localtime(booking.starts_at), "j F Y H:i")
        return PaymentRequest(
            amount_cents=booking.fee_cents(),
            description=_("Afspraak %(products)s op %(when)s")
            % {"products": ", ".join(product.text.name for product in products), "when": when},
            ledger_code=next((product.ledger_code for product in products if product.fee), ""),
            resident=booking.resident,
        )

    def return_url(self, *, payment):
        from portal.appointments.services import manage_token

        return reverse("appointments:manage", kwargs={"token": manage_token(_booking(payment.purpose_id))})

    def on_paid(self, *, payment):
        updated = Booking.objects.filter(
            uuid=payment.purpose_id, state=Booking.State.BOOKED, paid_at__isnull=True
        ).update(paid_at=payment.paid_at)
        return bool(updated) or Booking.objects.filter(uuid=payment.purpose_id, paid_at__isnull=False).exists()

    def contact_email(self, *, payment):
        return _booking(payment.purpose_id).email


def refund_cancelled_booking(*, booking_id: int) -> str:
    """The appointment will not happen: what was paid for it goes back."""
    from portal.payments.selectors import latest_payment_for
    from portal.payments.services import payment_refund

    booking = Booking.objects.get(pk=booking_id)
    payment = latest_payment_for(purpose=PURPOSE, purpose_id=str(booking.uuid))
    if payment is None or not payment.refundable_cents or payment.refunds.exists():
        return "nothing to refund"
    payment_refund(payment=payment, amount_cents=payment.refundable_cents, reason=_("Afspraak geannuleerd"))
    return "refunded"
