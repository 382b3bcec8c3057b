"""Payment providers: a plugin registry like the form destinations. A provider creates a payment and hands back a
checkout page, tells a payment's state when asked, and refunds. Loket never trusts anything else about money."""

import re
from dataclasses import dataclass

from django.conf import settings

from portal.core.registry import Registry

registry = Registry()

_AMOUNT = re.compile(r"^([0-9]{1,9})\.([0-9]{2})$")  # ASCII digits only: no full-width or other scripts


def cents_to_value(cents: int) -> str:
    """1710 → "17.10", the way payment APIs write amounts (never a float on the way)."""
    return f"{cents // 100}.{cents % 100:02d}"


def value_to_cents(value: str) -> int:
    match = _AMOUNT.match(str(value))
    if not match:
        raise ValueError(f"not an amount with two decimals: {value!r}")
    return int(match.group(1)) * 100 + int(match.group(2))


class ProviderUnavailable(Exception):
    """The provider could not be reached or answered with a server error: try again later."""


class ProviderRefused(Exception):
    """The provider refused the request (a 4xx): asking again the same way will not help."""


@dataclass(frozen=True)
class ProviderPayment:
    id: str
    status: str  # one of Payment.State's unrefunded values: open, paid, failed, cancelled, expired
    amount_cents: int
    refunded_cents: int = 0
    fee_cents: int = 0
    checkout_url: str = ""


class PaymentProvider:
    """The contract. Every method raises ProviderUnavailable or ProviderRefused instead of the client's errors."""

    verbose_name: str

    def create_payment(
        self,
        *,
        amount_cents: int,
        description: str,
        redirect_url: str,
        webhook_url: str,
        metadata: dict,
        idempotency_key: str,
    ) -> ProviderPayment:
        raise NotImplementedError

    def get_payment(self, *, provider_id: str) -> ProviderPayment:
        raise NotImplementedError

    def create_refund(self, *, provider_id: str, amount_cents: int, description: str, idempotency_key: str) -> str:
        """Returns the provider's refund id."""
        raise NotImplementedError


def active_provider_name() -> str:
    return settings.LOKET_PAYMENT_PROVIDER
