"""Money is never wrong: one state machine per payment, changed under a row lock from what the provider says (a
webhook or a resident's return is only the reason to ask), so duplicate, late and racing messages change a
payment once and mail once; a second payment for something already paid is refunded."""

import contextlib
import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.models import audit
from portal.payments.models import PAID_STATES, Payment, PaymentTransition, Refund
from portal.payments.providers import ProviderPayment, ProviderRefused, ProviderUnavailable, active_provider_name
from portal.payments.providers import registry as providers
from portal.payments.purposes import NothingToPay
from portal.payments.purposes import registry as purposes
from portal.payments.templatetags.payments import euros

logger = logging.getLogger(__name__)
State = Payment.State
RECONCILE_AFTER = datetime.timedelta(minutes=15)
# A payment row whose provider call never finished (a crash in between) is given up after this long.
CREATION_TIMEOUT = datetime.timedelta(minutes=15)

ALLOWED = {
    State.OPEN: {State.PAID, State.FAILED, State.CANCELLED, State.EXPIRED, State.PARTIALLY_REFUNDED, State.REFUNDED},
    # A later "paid" wins over an earlier failure (the provider's word is final, not the first message).
    State.FAILED: {State.PAID, State.PARTIALLY_REFUNDED, State.REFUNDED},
    State.CANCELLED: {State.PAID, State.PARTIALLY_REFUNDED, State.REFUNDED},
    State.EXPIRED: {State.PAID, State.PARTIALLY_REFUNDED, State.REFUNDED},
    State.PAID: {State.PARTIALLY_REFUNDED, State.REFUNDED},
    State.PARTIALLY_REFUNDED: {State.REFUNDED},
    State.REFUNDED: set(),
}


def _absolute(path: str) -> str:
    return settings.LOKET_PUBLIC_URL + path


def payment_start(*, purpose: str, purpose_id: str, auth_context: dict | None = None) -> Payment:
    """A payment at the provider for what the purpose says is owed now (recomputed here, whatever a page showed).
    An open payment for the same thing is reused, so two tabs pay one payment; raises NothingToPay when nothing
    is owed (any more), ValidationError for an amount that cannot be paid, ProviderUnavailable when the provider
    cannot be reached (the purpose's own record is untouched: pay later)."""
    request = purposes[purpose].payment_request(purpose_id=purpose_id)
    same = Payment.objects.filter(purpose=purpose, purpose_id=purpose_id)
    if same.filter(state__in=PAID_STATES).exists():
        raise NothingToPay
    waiting = same.filter(state=State.OPEN).first()
    if waiting is not None:
        reused = _reuse(waiting)
        if reused is not None:
            return reused
    payment = Payment(
        purpose=purpose,
        purpose_id=purpose_id,
        description=request.description[:200],
        amount_cents=request.amount_cents,
        ledger_code=request.ledger_code,
        resident=request.resident,
        provider=active_provider_name(),
        auth_context=auth_context or {},
    )
    payment.full_clean()
    try:
        with transaction.atomic():
            payment.save()
    except IntegrityError:
        # Another tab started the same payment a moment ago: that one it is.
        return same.get(state=State.OPEN)
    try:
        remote = providers[payment.provider].create_payment(
            amount_cents=payment.amount_cents,
            description=f"{payment.description} ({payment.reference})"[:255],
            redirect_url=_absolute(reverse("payments:return", kwargs={"uuid": payment.uuid})),
            webhook_url=_absolute(reverse("payments:webhook")),
            metadata={"reference": payment.reference},
            idempotency_key=str(payment.uuid),
        )
    except (ProviderUnavailable, ProviderRefused) as error:
        logger.warning("payment could not be created at the provider", extra={"error": type(error).__name__})
        payment.delete()
        raise ProviderUnavailable(str(error)) from error
    Payment.objects.filter(pk=payment.pk).update(provider_id=remote.id, checkout_url=remote.checkout_url)
    payment.provider_id, payment.checkout_url = remote.id, remote.checkout_url
    return payment


def _reuse(payment: Payment) -> Payment | None:
    """The open payment itself while it can still be paid; None once it has ended (then a new one is made)."""
    if not payment.provider_id:
        if timezone.now() - payment.created_at < CREATION_TIMEOUT:
            return payment  # being created by another request this very moment
        _give_up(payment)
        return None
    payment = payment_sync(payment=payment, source=PaymentTransition.Source.RETURN)
    if payment.is_paid:
        raise NothingToPay
    return payment if payment.state == State.OPEN else None


def _give_up(payment: Payment) -> None:
    with transaction.atomic():
        updated = Payment.objects.filter(pk=payment.pk, state=State.OPEN, provider_id__isnull=True).update(
            state=State.FAILED, updated_at=timezone.now()
        )
        if updated:
            PaymentTransition.objects.create(
                payment=payment, from_state=State.OPEN, to_state=State.FAILED, source=PaymentTransition.Source.RECONCILE
            )


def payment_sync(*, payment: Payment, source: str) -> Payment:
    """Ask the provider and apply its answer. Raises ProviderUnavailable (nothing changes then)."""
    if payment.provider_id:
        remote = providers[payment.provider].get_payment(provider_id=payment.provider_id)
        payment_apply(payment_id=payment.pk, remote=remote, source=source)
        payment.refresh_from_db()
    return payment


def _target(payment: Payment, remote: ProviderPayment) -> str:
    if remote.status != State.PAID:
        return remote.status
    if remote.refunded_cents >= payment.amount_cents:
        return State.REFUNDED
    return State.PARTIALLY_REFUNDED if remote.refunded_cents else State.PAID


def payment_apply(*, payment_id: int, remote: ProviderPayment, source: str) -> bool:
    """Apply the provider's state under locks on every payment of the same purpose (taken in one order, so two of
    them turning paid at once are decided one after the other: the second is a duplicate and is refunded).
    Returns whether the state changed. A state the machine does not allow (paid → failed, say) is ignored."""
    purpose = Payment.objects.values("purpose", "purpose_id").get(pk=payment_id)
    now = timezone.now()
    with transaction.atomic():
        siblings = list(Payment.objects.select_for_update().filter(**purpose).order_by("pk"))
        payment = next(item for item in siblings if item.pk == payment_id)
        if remote.id != payment.provider_id:
            raise ValueError("the provider answered about another payment")
        if remote.amount_cents != payment.amount_cents:
            logger.error("provider reports another amount than was asked", extra={"payment": payment.reference})
            return False
        updates: dict = {"checked_at": now}
        target = _target(payment, remote)
        changed = target != payment.state and target in ALLOWED[payment.state]
        if payment.state in PAID_STATES and target in PAID_STATES:
            updates["refunded_cents"] = min(max(remote.refunded_cents, payment.refunded_cents), payment.amount_cents)
        if changed:
            becomes_paid = target in PAID_STATES and payment.state not in PAID_STATES
            if becomes_paid:
                duplicate = any(item.is_paid for item in siblings if item.pk != payment.pk)
                updates.update(
                    paid_at=now,
                    fee_cents=remote.fee_cents,
                    duplicate=duplicate,
                    refunded_cents=min(remote.refunded_cents, payment.amount_cents),
                )
                transaction.on_commit(lambda: _enqueue_followup(payment.pk))
            PaymentTransition.objects.create(payment=payment, from_state=payment.state, to_state=target, source=source)
            updates["state"] = target
        Payment.objects.filter(pk=payment.pk).update(updated_at=now, **updates)
    return changed


def _enqueue_followup(payment_id: int) -> None:
    from portal.payments.tasks import payment_followup

    payment_followup.enqueue(payment_id=payment_id)


def payment_followup(*, payment_id: int) -> str:
    """Once paid: a duplicate is refunded; otherwise the purpose goes on (e.g. the request is registered) and the
    resident gets one mail. Safe to run twice: the purpose's step is idempotent, the mail is claimed once."""
    payment = Payment.objects.get(pk=payment_id)
    if not payment.is_paid:
        return "not paid"
    if payment.duplicate:
        if payment.refundable_cents and not payment.refunds.exists():
            payment_refund(
                payment=payment, amount_cents=payment.refundable_cents, reason=_("Dubbel betaald: automatisch terug")
            )
        return "duplicate refunded"
    purpose = purposes[payment.purpose]
    if not purpose.on_paid(payment=payment):
        if payment.refundable_cents and not payment.refunds.exists():
            payment_refund(
                payment=payment, amount_cents=payment.refundable_cents, reason=_("Niet meer nodig: automatisch terug")
            )
        return "refunded: no longer needed"
    claimed = Payment.objects.filter(pk=payment.pk, notified_at__isnull=True).update(notified_at=timezone.now())
    if claimed:
        from portal.payments.mails import send_paid_mail

        send_paid_mail(payment=payment, address=purpose.contact_email(payment=payment))
    return "done"


def payment_refund(*, payment: Payment, amount_cents: int, reason: str, by=None) -> Refund:
    """Money back through the provider. The refund is first reserved under the payment's lock (two staff clicking
    at once refund once, never more than was paid), then asked of the provider outside any transaction (the
    provider may be slow, and the stand-in shares the database); if the provider says no, the reservation goes.
    Audit-logged when staff do it."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden voor de terugbetaling.")})
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        refunded = locked.refunds.aggregate(total=models.Sum("amount_cents"))["total"] or 0
        if not locked.is_paid:
            raise ValidationError({"amount_cents": _("Alleen een betaalde betaling kan worden terugbetaald.")})
        left = locked.amount_cents - refunded
        if not isinstance(amount_cents, int) or not 1 <= amount_cents <= left:
            raise ValidationError(
                {"amount_cents": _("Het bedrag moet tussen € 0,01 en %(left)s liggen.") % {"left": euros(left)}}
            )
        refund = Refund(payment=locked, amount_cents=amount_cents, reason=reason.strip()[:200], by=by)
        refund.full_clean()
        refund.save()
    try:
        refund.provider_id = providers[locked.provider].create_refund(
            provider_id=locked.provider_id,
            amount_cents=amount_cents,
            description=f"{locked.reference}: {refund.reason}"[:255],
            idempotency_key=str(refund.uuid),
        )
    except (ProviderUnavailable, ProviderRefused):
        refund.delete()
        raise
    refund.save(update_fields=["provider_id"])
    if by is not None:
        audit(user=by, action="refund_payment", obj=locked, context=refund.reason, subject=locked.resident)
    # Not reachable now: the provider's webhook or the reconcile brings the refunded state.
    with contextlib.suppress(ProviderUnavailable):
        payment_sync(payment=locked, source=PaymentTransition.Source.REFUND)
    return refund


def payments_reconcile(*, now=None) -> dict[str, int]:
    """Ask the provider about every payment still open after 15 minutes, so a lost webhook heals. Safe on several
    machines at once: each answer is applied under the payment's lock, and applying it twice changes nothing."""
    now = now or timezone.now()
    asked = changed = unreachable = 0
    due = Payment.objects.filter(state=State.OPEN, created_at__lte=now - RECONCILE_AFTER)
    for payment in due.iterator():
        if not payment.provider_id:
            _give_up(payment)
            changed += 1
            continue
        asked += 1
        try:
            before = payment.state
            payment = payment_sync(payment=payment, source=PaymentTransition.Source.RECONCILE)
        except (ProviderUnavailable, ProviderRefused):
            unreachable += 1
            continue
        changed += payment.state != before
    return {"asked": asked, "changed": changed, "unreachable": unreachable}
