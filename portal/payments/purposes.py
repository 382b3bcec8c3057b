"""What a payment is for. Payments know no forms or appointments: the app that asks for money registers a purpose
that says what is to be paid (recomputed on the server every time), where the resident returns to, and what
happens once it is paid."""

from dataclasses import dataclass

from portal.core.registry import Registry

registry = Registry()


class NothingToPay(Exception):
    """This purpose needs no payment (any more): no fee, already paid, or not found."""


@dataclass(frozen=True)
class PaymentRequest:
    amount_cents: int
    description: str
    ledger_code: str = ""
    resident: object = None


class PaymentPurpose:
    verbose_name: str

    def payment_request(self, *, purpose_id: str) -> PaymentRequest:
        """What is owed now; raises NothingToPay."""
        raise NotImplementedError

    def return_url(self, *, payment) -> str:
        """The path the resident comes back to from the provider's checkout."""
        raise NotImplementedError

    def on_paid(self, *, payment) -> bool:
        """Called by a task after the first payment for this purpose is stored as paid; may run twice, so it is
        idempotent. False: the thing paid for is gone (a reservation that lapsed meanwhile): the money goes back."""
        return True

    def owed_by(self, *, resident) -> list[dict]:
        """What this resident still has to pay for: [{"purpose_id", "description", "amount_cents"}]."""
        return []

    def contact_email(self, *, payment) -> str:
        """Where a payment's confirmation goes (empty: no mail)."""
        return ""
