import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from portal.payments.models import PAID_STATES, Payment, Refund


def payments_for_resident(*, resident) -> QuerySet[Payment]:
    return (
        Payment.objects.filter(resident=resident)
        .exclude(provider_id__isnull=True)
        .prefetch_related(Prefetch("refunds", queryset=Refund.objects.only("payment_id", "amount_cents", "created_at")))
        .order_by("-created_at")
    )


def payment_for_resident(*, resident, uuid) -> Payment:
    return payments_for_resident(resident=resident).get(uuid=uuid)


def paid_purpose_ids(*, purpose_ids: list[str]) -> set[tuple[str, str]]:
    if not purpose_ids:
        return set()
    paid = Payment.objects.filter(purpose_id__in=purpose_ids, state__in=PAID_STATES)
    return set(paid.values_list("purpose", "purpose_id"))


def latest_payment_for(*, purpose: str, purpose_id: str) -> Payment | None:
    """The payment that tells where paying this thing stands: a paid one if any, else the newest."""
    payments = list(Payment.objects.filter(purpose=purpose, purpose_id=purpose_id).order_by("-created_at"))
    return next((payment for payment in payments if payment.is_paid), payments[0] if payments else None)


def unsettled_payments(*, now=None) -> int:
    """Open for longer than a checkout lasts: a webhook lost, or the reconcile not running."""
    now = now or timezone.now()
    return Payment.objects.filter(
        state=Payment.State.OPEN, created_at__lte=now - datetime.timedelta(minutes=15)
    ).count()
