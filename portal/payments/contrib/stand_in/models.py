"""The stand-in provider's own books: what a real provider keeps on its side (never installed in production)."""

import secrets
import string

from django.db import models

_ID_ALPHABET = string.ascii_letters + string.digits


def provider_id(prefix: str) -> str:
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _i in range(10))


def new_payment_id() -> str:
    return provider_id("tr_")


def new_refund_id() -> str:
    return provider_id("re_")


class StandInPayment(models.Model):
    class Status(models.TextChoices):
        OPEN = "open"
        PAID = "paid"
        FAILED = "failed"
        CANCELED = "canceled"
        EXPIRED = "expired"

    id = models.CharField(primary_key=True, max_length=20, default=new_payment_id, editable=False)
    amount_cents = models.PositiveIntegerField()
    description = models.CharField(max_length=255)
    redirect_url = models.URLField(max_length=2000)
    webhook_url = models.URLField(max_length=2000, blank=True)
    metadata = models.JSONField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    issuer = models.CharField(max_length=40, blank=True)
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    status_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.id


class StandInRefund(models.Model):
    id = models.CharField(primary_key=True, max_length=20, default=new_refund_id, editable=False)
    payment = models.ForeignKey(StandInPayment, on_delete=models.CASCADE, related_name="refunds")
    amount_cents = models.PositiveIntegerField()
    description = models.CharField(max_length=255, blank=True)
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.id
