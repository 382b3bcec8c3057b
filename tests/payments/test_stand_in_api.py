"""The stand-in provider answers as Mollie's Payments API v2 does, including its refusals, so that what passes here
passes against Mollie; the official client reads every answer."""

import datetime
import json

import pytest
from django.conf import settings
from django.utils import timezone
from mollie.api.client import Client

from portal.payments.contrib.stand_in.models import StandInPayment, StandInRefund

API = "/psp/v2/payments"
AUTH = {"Authorization": f"Bearer {settings.PSP_STAND_IN_API_KEY}"}
VALID = {
    "amount": {"currency": "EUR", "value": "17.10"},
    "description": "Uittreksel BRP (BT-0000-0000)",
    "redirectUrl": "http://testserver/betalen/terug/",
    "webhookUrl": "http://testserver/betalen/webhook/",
    "metadata": {"reference": "BT-0000-0000"},
}


def create(client, body=None, headers=None, raw=None):
    return client.post(
        API,
        data=raw if raw is not None else json.dumps(body if body is not None else VALID),
        content_type="application/json",
        headers=AUTH if headers is None else headers,
    )


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer test_wrong"}, {"Authorization": settings.PSP_STAND_IN_API_KEY + "x"}]
)
def test_without_the_api_key_nothing_is_created(client, db, headers):
    response = create(client, headers=headers)
    assert response.status_code == 401
    assert response.json()["title"] == "Unauthorized Request"
    assert not StandInPayment.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": None}, "amount"),
        ({"amount": {"currency": "USD", "value": "17.10"}}, "amount.currency"),
        ({"amount": {"currency": "EUR", "value": "17.1"}}, "amount.value"),
        ({"amount": {"currency": "EUR", "value": 17.1}}, "amount.value"),
        ({"amount": {"currency": "EUR", "value": "0.00"}}, "amount.value"),
        ({"amount": {"currency": "EUR", "value": "-1.00"}}, "amount.value"),
        ({"amount": {"currency": "EUR", "value": "50000.01"}}, "amount.value"),
        ({"amount": {"currency": "EUR", "value": "１７.10"}}, "amount.value"),
        ({"description": ""}, "description"),
        ({"description": "x" * 256}, "description"),
        # A NUL answered 500 on PostgreSQL, which cannot store one (found by tests/fuzz); other controls alike.
        ({"description": "\x00"}, "description"),
        ({"description": "Leges\x1b[31m"}, "description"),
        ({"redirectUrl": "https://example.org/\x00"}, "redirectUrl"),
        ({"metadata": {"note": "a\x00b"}}, "metadata"),
        ({"redirectUrl": "javascript:alert(1)"}, "redirectUrl"),
        ({"redirectUrl": None}, "redirectUrl"),
        ({"webhookUrl": "ftp://example.org/"}, "webhookUrl"),
        ({"metadata": {"x": "y" * 2000}}, "metadata"),
        ({"method": "creditcard"}, "method"),
        ({"method": 5}, "method"),
    ],
)
def test_wrong_input_is_refused_with_the_field_named(client, db, change, field):
    response = create(client, {**VALID, **change})
    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
    assert response["Content-Type"] == "application/hal+json"
    assert not StandInPayment.objects.exists()


@pytest.mark.parametrize(
    ("raw", "status"), [(b"{not json", 400), (b"[1, 2]", 400), (b'{"a": "' + b"x" * 20_000 + b'"}', 413)]
)
def test_a_body_that_is_not_a_json_object_of_reasonable_size_is_refused(client, db, raw, status):
    assert create(client, raw=raw).status_code == status


def test_a_payment_is_created_open_with_a_checkout_and_read_back(client, db):
    response = create(client)
    assert response.status_code == 201
    data = response.json()
    assert data["resource"] == "payment" and data["id"].startswith("tr_") and data["status"] == "open"
    assert data["amount"] == {"value": "17.10", "currency": "EUR"}
    assert data["_links"]["checkout"]["href"].endswith(f"/psp/checkout/{data['id']}/")
    again = client.get(f"{API}/{data['id']}", headers=AUTH)
    assert again.status_code == 200 and again.json()["id"] == data["id"]


def test_the_same_idempotency_key_gives_the_same_payment(client, db):
    first = create(client, headers={**AUTH, "Idempotency-Key": "abc"})
    second = create(client, headers={**AUTH, "Idempotency-Key": "abc"})
    assert first.json()["id"] == second.json()["id"]
    assert second["Idempotent-Replayed"] == "true"
    assert StandInPayment.objects.count() == 1


@pytest.mark.parametrize("payment_id", ["tr_doesnotexi", "tr_", "TR_ABCDEFGHIJ", "tr_abc<script>", "tr_" + "a" * 300])
def test_an_unknown_payment_is_a_404_problem(client, db, payment_id):
    response = client.get(f"{API}/{payment_id}", headers=AUTH)
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_an_open_payment_expires_after_15_minutes(client, db):
    payment_id = create(client).json()["id"]
    StandInPayment.objects.filter(pk=payment_id).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    data = client.get(f"{API}/{payment_id}", headers=AUTH).json()
    assert data["status"] == "expired" and data["expiredAt"] and "checkout" not in data["_links"]


def _paid(client) -> str:
    payment_id = create(client).json()["id"]
    StandInPayment.objects.filter(pk=payment_id).update(status="paid", status_at=timezone.now())
    return payment_id


def _refund(client, payment_id, value, key="", description="terug"):
    headers = {**AUTH, "Idempotency-Key": key} if key else AUTH
    body = {"amount": {"currency": "EUR", "value": value}, "description": description}
    return client.post(
        f"{API}/{payment_id}/refunds", data=json.dumps(body), content_type="application/json", headers=headers
    )


def test_refunds_are_partial_or_full_and_never_more_than_was_paid(client, db):
    unpaid = create(client).json()["id"]
    assert _refund(client, unpaid, "1.00").status_code == 422, "nothing paid, nothing to refund"
    payment_id = _paid(client)
    assert _refund(client, payment_id, "10.00").status_code == 201
    assert _refund(client, payment_id, "1.00", description="\x00").json()["field"] == "description"
    assert _refund(client, payment_id, "7.11").status_code == 422, "only 7.10 is left"
    assert _refund(client, payment_id, "7.10", key="k").status_code == 201
    assert _refund(client, payment_id, "7.10", key="k")["Idempotent-Replayed"] == "true"
    data = client.get(f"{API}/{payment_id}", headers=AUTH).json()
    assert data["amountRefunded"]["value"] == "17.10" and data["amountRemaining"]["value"] == "0.00"
    assert StandInRefund.objects.count() == 2
    listed = client.get(f"{API}/{payment_id}/refunds", headers=AUTH).json()
    assert listed["count"] == 2


def test_the_official_mollie_client_reads_every_answer(psp):
    client = Client(api_endpoint=settings.MOLLIE_API_URL)
    client.set_api_key(settings.PSP_STAND_IN_API_KEY)
    payment = client.payments.create(VALID)
    assert payment.is_open() and payment.checkout_url.endswith(f"/psp/checkout/{payment.id}/")
    StandInPayment.objects.filter(pk=payment.id).update(status="paid", status_at=timezone.now())
    payment = client.payments.get(payment.id)
    assert payment.is_paid() and payment.amount_refunded == {"value": "0.00", "currency": "EUR"}
    assert payment.settlement_amount["value"] == "16.81", "the stand-in keeps € 0,29"


def test_an_idempotency_key_too_long_is_refused_not_cut_short(client, db):
    response = create(client, headers={**AUTH, "Idempotency-Key": "k" * 101})
    assert response.status_code == 400 and not StandInPayment.objects.exists()
