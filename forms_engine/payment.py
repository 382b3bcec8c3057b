"""Forms that cost money: the amount comes from one question (typically computed by a rule, like the BRP extract's
fee) and is computed again on the server from the stored answers whenever it is paid, so a tampered page never
sets the price. The submission is stored first; registration waits for the payment or goes ahead, per form."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forms_engine.logic import step_state
from forms_engine.models import Submission
from forms_engine.schema import CompiledForm
from portal.payments.purposes import NothingToPay, PaymentPurpose, PaymentRequest
from portal.payments.purposes import registry as purposes

PURPOSE = "submission"
PAY_LINK_SALT = "loket.forms.pay"
PAY_LINK_DAYS = 30


def amount_due_cents(*, form, schema: dict, data: dict) -> int:
    """The fee the form's rules give for these answers, in cents (0: nothing to pay)."""
    key = form.payment_amount_field
    compiled = CompiledForm.from_schema(schema)
    if not key or key not in compiled.field_step:
        return 0
    computed = step_state(compiled, compiled.field_step[key], data).computed
    value = computed.get(key, data.get(key))
    if value in (None, ""):
        return 0
    try:
        euros = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return 0
    return int(euros * 100)


def submission_amount_cents(submission: Submission) -> int:
    return amount_due_cents(form=submission.form, schema=submission.schema, data=submission.data)


def paid_already(submission: Submission) -> bool:
    """Paid at the provider, though the submission may not have heard yet (that runs as a task)."""
    from portal.payments.selectors import paid_purpose_ids

    return bool(paid_purpose_ids(purpose_ids=[str(submission.uuid)]))


def pay_link_token(submission: Submission) -> str:
    return signing.dumps(str(submission.uuid), salt=PAY_LINK_SALT, compress=True)


def submission_from_pay_link(token: str) -> Submission | None:
    try:
        uuid = signing.loads(token, salt=PAY_LINK_SALT, max_age=PAY_LINK_DAYS * 24 * 3600)
    except signing.BadSignature:
        return None
    return Submission.objects.select_related("form").filter(uuid=uuid).first()


def _submission(purpose_id: str) -> Submission:
    submission = Submission.objects.select_related("form", "resident").filter(uuid=purpose_id).first()
    if submission is None:
        raise NothingToPay
    return submission


@purposes.register(PURPOSE)
class SubmissionPayment(PaymentPurpose):
    verbose_name = _("Aanvraag met een formulier")

    def payment_request(self, *, purpose_id):
        submission = _submission(purpose_id)
        if submission.payment_status != Submission.PaymentStatus.OPEN:
            raise NothingToPay
        cents = submission_amount_cents(submission)
        if cents == 0:
            raise NothingToPay
        return PaymentRequest(
            amount_cents=cents,
            description=f"{submission.form.name} ({submission.reference})",
            ledger_code=submission.form.payment_ledger_code,
            resident=submission.resident,
        )

    def return_url(self, *, payment):
        return reverse("forms_engine:pay", kwargs={"token": pay_link_token(_submission(payment.purpose_id))})

    def on_paid(self, *, payment):
        submission_paid(submission=_submission(payment.purpose_id))
        return True

    def contact_email(self, *, payment):
        from forms_engine.confirmation import _address

        return _address(_submission(payment.purpose_id))

    def owed_by(self, *, resident) -> list[dict]:
        owed = []
        for submission in Submission.objects.filter(
            resident=resident, payment_status=Submission.PaymentStatus.OPEN
        ).select_related("form"):
            cents = submission_amount_cents(submission)
            if cents:
                description = f"{submission.form.name} ({submission.reference})"
                owed.append({"purpose_id": str(submission.uuid), "description": description, "amount_cents": cents})
        return owed


def submission_paid(*, submission: Submission) -> None:
    """Paid: the submission says so, and a form that waited for the money now registers it (once)."""
    from forms_engine.delivery import registrations_create

    with transaction.atomic():
        updated = Submission.objects.filter(pk=submission.pk, payment_status=Submission.PaymentStatus.OPEN).update(
            payment_status=Submission.PaymentStatus.PAID
        )
        if updated and not submission.registrations.exists():
            registrations_create(submission=submission)
