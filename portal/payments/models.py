import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from auth.models import LoginRecorded
from portal.core.references import random_reference

# A municipality's fees are tens of euros; a wedding a few hundred. Anything above this is a mistake, not a fee.
MAX_AMOUNT_CENTS = 1_000_000


def new_reference() -> str:
    return random_reference("BT")


class Payment(LoginRecorded):
    """One attempt to pay one thing (a purpose: a submission, a booking, ...), in whole cents. The state follows
    the provider's, fetched from the provider: a webhook or a resident's return is only the reason to ask."""

    class State(models.TextChoices):
        OPEN = "open", _("Nog niet betaald")
        PAID = "paid", _("Betaald")
        FAILED = "failed", _("Mislukt")
        CANCELLED = "cancelled", _("Afgebroken")
        EXPIRED = "expired", _("Verlopen")
        PARTIALLY_REFUNDED = "partially_refunded", _("Deels terugbetaald")
        REFUNDED = "refunded", _("Terugbetaald")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("kenmerk"), max_length=12, unique=True, default=new_reference, editable=False)
    purpose = models.CharField(_("waarvoor"), max_length=30, help_text=_("Soort: een formulier, een afspraak, ..."))
    purpose_id = models.CharField(max_length=64)
    description = models.CharField(_("omschrijving"), max_length=200)
    amount_cents = models.PositiveIntegerField(
        _("bedrag in centen"), validators=[MinValueValidator(1), MaxValueValidator(MAX_AMOUNT_CENTS)]
    )
    refunded_cents = models.PositiveIntegerField(_("terugbetaald in centen"), default=0)
    fee_cents = models.PositiveIntegerField(_("kosten van de provider in centen"), default=0)
    ledger_code = models.CharField(_("grootboekrekening"), max_length=30, blank=True)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="payments"
    )
    provider = models.CharField(_("betaalprovider"), max_length=30)
    provider_id = models.CharField(_("kenmerk bij de provider"), max_length=64, null=True, blank=True)
    checkout_url = models.URLField(max_length=500, blank=True)
    state = models.CharField(_("stand"), max_length=20, choices=State.choices, default=State.OPEN, db_index=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    paid_at = models.DateTimeField(_("betaald op"), null=True, blank=True)
    checked_at = models.DateTimeField(_("laatst nagevraagd"), null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    duplicate = models.BooleanField(
        _("dubbel betaald"), default=False, help_text=_("Betaald terwijl hetzelfde al betaald was: wordt terugbetaald.")
    )

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        ordering = ["-created_at"]
        permissions = [("refund_payment", _("Mag betalingen terugbetalen"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gte=1, amount_cents__lte=MAX_AMOUNT_CENTS), name="payment_amount_range"
            ),
            models.CheckConstraint(
                condition=models.Q(refunded_cents__lte=models.F("amount_cents")), name="refund_at_most_the_amount"
            ),
            models.UniqueConstraint(fields=["provider", "provider_id"], name="one_payment_per_provider_id"),
            # Two tabs starting to pay the same thing share one payment at the provider instead of paying twice.
            models.UniqueConstraint(
                fields=["purpose", "purpose_id"], condition=models.Q(state="open"), name="one_open_payment_per_purpose"
            ),
        ]
        indexes = [models.Index(fields=["purpose", "purpose_id"], name="payment_purpose")]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_paid(self) -> bool:
        return self.state in PAID_STATES

    @property
    def refundable_cents(self) -> int:
        return self.amount_cents - self.refunded_cents if self.is_paid else 0


PAID_STATES = {Payment.State.PAID, Payment.State.PARTIALLY_REFUNDED, Payment.State.REFUNDED}
UNPAID_FINAL_STATES = {Payment.State.FAILED, Payment.State.CANCELLED, Payment.State.EXPIRED}


class PaymentTransition(models.Model):
    """Every state change of a payment, once: what finance and staff read back when a resident asks."""

    class Source(models.TextChoices):
        WEBHOOK = "webhook", _("Bericht van de provider")
        RETURN = "return", _("Terugkeer van de inwoner")
        RECONCILE = "reconcile", _("Controle")
        REFUND = "refund", _("Terugbetaling")

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=Payment.State.choices)
    to_state = models.CharField(max_length=20, choices=Payment.State.choices)
    source = models.CharField(max_length=10, choices=Source.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verandering van een betaling")
        verbose_name_plural = _("veranderingen van betalingen")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.payment}: {self.from_state} → {self.to_state}"


class Refund(models.Model):
    """Money back: by staff with a reason, or automatically for a payment made twice."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    provider_id = models.CharField(max_length=64, blank=True)
    amount_cents = models.PositiveIntegerField(
        _("bedrag in centen"), validators=[MinValueValidator(1), MaxValueValidator(MAX_AMOUNT_CENTS)]
    )
    reason = models.CharField(_("reden"), max_length=200)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("terugbetaling")
        verbose_name_plural = _("terugbetalingen")
        ordering = ["created_at"]
        constraints = [models.CheckConstraint(condition=models.Q(amount_cents__gte=1), name="refund_positive")]

    def __str__(self) -> str:
        return f"{self.payment}: {self.amount_cents}"
