"""Webhooks, the resident's return and the reconcile racing each other on PostgreSQL (real row locks): the state
changes once, one mail goes out, and of two payments turning paid at once, one is the duplicate and refunded."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection, connections

from forms_engine.models import Registration
from portal.payments import services
from portal.payments.models import Payment, PaymentTransition, Refund
from tests.factories.profile import ContactPreferencesFactory
from tests.payments.conftest import settle

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
SOURCES = [PaymentTransition.Source.WEBHOOK, PaymentTransition.Source.RETURN, PaymentTransition.Source.RECONCILE]


def _in_threads(calls):
    def run(call):
        try:
            return call()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(run, calls))


def _paid_mails() -> int:
    return len([message for message in mail.outbox if "Betaling ontvangen" in message.subject])


def test_forty_racing_messages_change_the_payment_once_and_mail_once(psp, owed, resident):
    ContactPreferencesFactory(resident=resident, email="inwoner@example.org")
    payment = services.payment_start(purpose="submission", purpose_id=str(owed.uuid))
    settle(payment, "paid")
    calls = [
        (
            lambda source=SOURCES[number % 3]: services.payment_sync(
                payment=Payment.objects.get(pk=payment.pk), source=source
            )
        )
        for number in range(40)
    ]
    _in_threads(calls)
    assert PaymentTransition.objects.filter(payment=payment).count() == 1
    assert Payment.objects.get(pk=payment.pk).state == "paid"
    assert Registration.objects.filter(submission=owed).count() == 1
    assert _paid_mails() == 1


def test_two_payments_paid_at_once_leave_one_paid_and_refund_the_other(psp, owed):
    first = services.payment_start(purpose="submission", purpose_id=str(owed.uuid))
    settle(first, "failed")
    services.payment_sync(payment=first, source="webhook")
    second = services.payment_start(purpose="submission", purpose_id=str(owed.uuid))
    settle(first, "paid")
    settle(second, "paid")
    calls = [
        (lambda pk=payment.pk: services.payment_sync(payment=Payment.objects.get(pk=pk), source="webhook"))
        for payment in (first, second) * 10
    ]
    _in_threads(calls)
    payments = Payment.objects.filter(pk__in=[first.pk, second.pk])
    assert sorted(payments.values_list("duplicate", flat=True)) == [False, True]
    duplicate = payments.get(duplicate=True)
    assert Refund.objects.get().payment == duplicate and duplicate.state == "refunded"
    assert payments.get(duplicate=False).state == "paid"
    assert Registration.objects.filter(submission=owed).count() == 1
