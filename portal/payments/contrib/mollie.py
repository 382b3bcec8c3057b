"""Mollie through its official client (`mollie-api-python`). The endpoint and the key come from the environment
(MOLLIE_API_URL, MOLLIE_API_KEY): the stand-in in development and tests, api.mollie.com with a contract."""

import logging

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from mollie.api.client import Client
from mollie.api.error import Error as MollieError
from mollie.api.error import RequestError, ResponseHandlingError, UnauthorizedError
from mollie.api.objects.refund import Refund as MollieRefund

from portal.payments.providers import (
    PaymentProvider,
    ProviderPayment,
    ProviderRefused,
    ProviderUnavailable,
    cents_to_value,
    registry,
    value_to_cents,
)

logger = logging.getLogger(__name__)

# Mollie's statuses → Loket's. "pending" and "authorized" are still underway: open.
STATUSES = {
    "open": "open",
    "pending": "open",
    "authorized": "open",
    "paid": "paid",
    "failed": "failed",
    "canceled": "cancelled",
    "expired": "expired",
}


def _amount(data: dict | None) -> int:
    if not data:
        return 0
    if data.get("currency") != "EUR":
        raise ProviderRefused(f"unexpected currency {data.get('currency')!r}")
    return value_to_cents(data["value"])


@registry.register("mollie")
class MolliePayments(PaymentProvider):
    verbose_name = _("Mollie (iDEAL)")

    def _client(self) -> Client:
        if not settings.MOLLIE_API_KEY:
            raise ProviderUnavailable("MOLLIE_API_KEY is not set")
        client = Client(api_endpoint=settings.MOLLIE_API_URL, timeout=(3, 10), retry=2)
        client.set_api_key(settings.MOLLIE_API_KEY)
        return client

    def _call(self, call):
        try:
            return call(self._client())
        except (RequestError, ResponseHandlingError) as error:
            # Unreachable, a timeout, or a server error without a problem document: worth another try later.
            raise ProviderUnavailable(type(error).__name__) from error
        except UnauthorizedError as error:
            logger.error("payment provider refused the API key")
            raise ProviderUnavailable("unauthorized") from error
        except MollieError as error:
            status = getattr(error, "status", 0) or 0
            if status >= 500:
                raise ProviderUnavailable(f"status {status}") from error
            raise ProviderRefused(f"{type(error).__name__}: {getattr(error, 'field', '') or ''}") from error

    @staticmethod
    def _payment(data) -> ProviderPayment:
        amount = _amount(data.get("amount"))
        settlement = data.get("settlementAmount")
        return ProviderPayment(
            id=data["id"],
            status=STATUSES.get(data.get("status"), "open"),
            amount_cents=amount,
            refunded_cents=_amount(data.get("amountRefunded")),
            fee_cents=max(amount - _amount(settlement), 0) if settlement else 0,
            checkout_url=((data.get("_links") or {}).get("checkout") or {}).get("href", ""),
        )

    def create_payment(self, *, amount_cents, description, redirect_url, webhook_url, metadata, idempotency_key):
        body = {
            "amount": {"currency": "EUR", "value": cents_to_value(amount_cents)},
            "description": description,
            "redirectUrl": redirect_url,
            "webhookUrl": webhook_url,
            "metadata": metadata,
            "method": "ideal",
        }
        created = self._call(lambda client: client.payments.create(body, idempotency_key=idempotency_key))
        return self._payment(created)

    def get_payment(self, *, provider_id):
        if not provider_id.startswith("tr_"):
            raise ProviderRefused("not a payment id")
        return self._payment(self._call(lambda client: client.payments.get(provider_id)))

    def create_refund(self, *, provider_id, amount_cents, description, idempotency_key):
        body = {"amount": {"currency": "EUR", "value": cents_to_value(amount_cents)}, "description": description}

        def refund(client):
            # The payment's refunds resource, without fetching the payment first: one call.
            result = client.payments.perform_api_call(
                "POST", f"payments/{provider_id}/refunds", body, idempotency_key=idempotency_key
            )
            return MollieRefund(result, client)

        return self._call(refund).id
