"""Money is never wrong: every transition of the state machine, the provider's word over any message, replays and
duplicates changing a payment once and mailing once, amounts recomputed on the server in whole cents."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from forms_engine.models import Registration, Submission
from portal.payments import services
from portal.payments.contrib.stand_in.models import StandInPayment
from portal.payments.models import Payment, PaymentTransition, Refund
from portal.payments.providers import ProviderUnavailable
from portal.payments.purposes import NothingToPay
from tests.factories.profile import ContactPreferencesFactory
from tests.payments.conftest import settle

State = Payment.State
WEBHOOK = PaymentTransition.Source.WEBHOOK


@pytest.fixture
def started(psp, owed, resident):
    ContactPreferencesFactory(resident=resident, email="inwoner@example.org")
    return services.payment_start(purpose="submission", purpose_id=str(owed.uuid))


def sync(payment):
    return services.payment_sync(payment=payment, source=WEBHOOK)


def test_the_amount_is_computed_again_on_the_server_and_the_page_s_amount_ignored(started, owed):
    assert started.amount_cents == 2 * 1710
    assert StandInPayment.objects.get(pk=started.provider_id).amount_cents == 3420
    assert started.description == f"Uittreksel ({owed.reference})" and started.ledger_code == "8300.10"
    assert started.checkout_url.endswith(f"/psp/checkout/{started.provider_id}/")


def test_the_request_waits_for_the_payment_before_it_is_registered(started, owed):
    assert owed.payment_status == Submission.PaymentStatus.OPEN
    assert not Registration.objects.exists(), "nothing registered before the money is in"


def test_two_tabs_starting_to_pay_share_one_payment(started, owed):
    again = services.payment_start(purpose="submission", purpose_id=str(owed.uuid))
    assert again.pk == started.pk and Payment.objects.count() == 1 and StandInPayment.objects.count() == 1


@pytest.mark.parametrize(
    ("remote", "state"),
    [("paid", State.PAID), ("failed", State.FAILED), ("canceled", State.CANCELLED), ("expired", State.EXPIRED)],
)
def test_every_outcome_at_the_provider_becomes_the_payment_s_state(
    started, remote, state, django_capture_on_commit_callbacks
):
    settle(started, remote)
    with django_capture_on_commit_callbacks(execute=True):
        assert sync(started).state == state
    assert list(started.transitions.values_list("from_state", "to_state")) == [(State.OPEN, state)]


def test_a_payment_left_open_stays_open(started):
    assert sync(started).state == State.OPEN and not started.transitions.exists()
    assert Payment.objects.get(pk=started.pk).checked_at is not None


def test_paid_registers_the_request_and_mails_once(started, owed, django_capture_on_commit_callbacks):
    settle(started, "paid")
    with django_capture_on_commit_callbacks(execute=True):
        sync(started)
    owed.refresh_from_db()
    assert owed.payment_status == Submission.PaymentStatus.PAID
    assert Registration.objects.filter(submission=owed).count() == 1
    paid_mails = [message for message in mail.outbox if "Betaling ontvangen" in message.subject]
    assert len(paid_mails) == 1 and "€ 34,20" in paid_mails[0].body
    assert paid_mails[0].to == ["inwoner@example.org"]


def test_a_later_paid_wins_over_an_earlier_failure(started, django_capture_on_commit_callbacks):
    settle(started, "failed")
    assert sync(started).state == State.FAILED
    settle(started, "paid")  # the bank's late confirmation (open-forms #5942)
    with django_capture_on_commit_callbacks(execute=True):
        assert sync(started).state == State.PAID
    assert list(started.transitions.values_list("to_state", flat=True)) == [State.FAILED, State.PAID]


def test_an_out_of_order_failure_after_paid_changes_nothing(started, django_capture_on_commit_callbacks):
    settle(started, "paid")
    with django_capture_on_commit_callbacks(execute=True):
        sync(started)
    settle(started, "failed")
    assert sync(started).state == State.PAID
    assert started.transitions.count() == 1


def test_a_hundred_replayed_webhooks_change_the_state_once_and_mail_once(
    client, started, django_capture_on_commit_callbacks
):
    settle(started, "paid")
    with django_capture_on_commit_callbacks(execute=True):
        for _i in range(100):
            assert client.post("/betalen/webhook/", {"id": started.provider_id}).status_code == 200
    assert started.transitions.count() == 1
    assert len([message for message in mail.outbox if "Betaling ontvangen" in message.subject]) == 1


@pytest.mark.parametrize(
    "body", [{}, {"id": ""}, {"id": "tr_unknown0000"}, {"id": "x" * 10_000}, {"id": "'; DROP TABLE"}]
)
def test_an_unknown_or_forged_webhook_changes_nothing(client, started, body):
    assert client.post("/betalen/webhook/", body).status_code == 200
    assert Payment.objects.get(pk=started.pk).state == State.OPEN and not PaymentTransition.objects.exists()


def test_a_webhook_claiming_paid_changes_nothing_while_the_provider_says_open(client, started):
    # The webhook carries only the id; Loket asks the provider, which says the payment is still open.
    client.post("/betalen/webhook/", {"id": started.provider_id, "status": "paid", "amount": "34.20"})
    assert Payment.objects.get(pk=started.pk).state == State.OPEN


def test_the_webhook_asks_again_later_when_the_provider_is_down(client, started, psp):
    psp.failures["/psp/"] = "refused"
    assert client.post("/betalen/webhook/", {"id": started.provider_id}).status_code == 503


def test_a_provider_reporting_another_amount_is_not_believed(started):
    StandInPayment.objects.filter(pk=started.provider_id).update(status="paid", amount_cents=1)
    assert sync(started).state == State.OPEN


def test_a_second_payment_for_something_already_paid_is_refunded(started, owed, django_capture_on_commit_callbacks):
    settle(started, "failed")
    sync(started)
    second = services.payment_start(purpose="submission", purpose_id=str(owed.uuid))
    assert second.pk != started.pk
    settle(second, "paid")
    settle(started, "paid")  # the first one's bank confirms after all
    with django_capture_on_commit_callbacks(execute=True):
        sync(second)
        sync(started)
    started.refresh_from_db()
    second.refresh_from_db()
    assert second.state == State.PAID and not second.duplicate
    assert started.duplicate and started.state == State.REFUNDED
    assert Refund.objects.get().payment == started and Refund.objects.get().amount_cents == 3420
    assert Registration.objects.filter(submission=owed).count() == 1
    assert len([message for message in mail.outbox if "Betaling ontvangen" in message.subject]) == 1


def test_nothing_is_owed_once_paid(started, owed, django_capture_on_commit_callbacks):
    settle(started, "paid")
    with django_capture_on_commit_callbacks(execute=True):
        sync(started)
    with pytest.raises(NothingToPay):
        services.payment_start(purpose="submission", purpose_id=str(owed.uuid))


@pytest.mark.parametrize(("aantal", "error"), [(0, NothingToPay), (-2, ValidationError), (100_000, ValidationError)])
def test_zero_negative_and_huge_amounts_are_refused(psp, fee_form, resident, aantal, error):
    from forms_engine.models import Submission

    submission = Submission.objects.create(
        form=fee_form, schema=fee_form.build_schema(), data={"aantal": aantal}, resident=resident, payment_status="open"
    )
    with pytest.raises(error):
        services.payment_start(purpose="submission", purpose_id=str(submission.uuid))
    assert not Payment.objects.exists() and not StandInPayment.objects.exists()


def test_when_the_provider_is_down_the_request_is_kept_and_can_be_paid_later(psp, owed):
    psp.failures["/psp/"] = "500"
    with pytest.raises(ProviderUnavailable):
        services.payment_start(purpose="submission", purpose_id=str(owed.uuid))
    assert not Payment.objects.exists()
    assert Submission.objects.get(pk=owed.pk).payment_status == Submission.PaymentStatus.OPEN
    psp.failures.clear()
    assert services.payment_start(purpose="submission", purpose_id=str(owed.uuid)).checkout_url


def test_the_reconcile_heals_a_lost_webhook(started, owed, django_capture_on_commit_callbacks):
    settle(started, "paid")  # paid at the bank; the webhook never arrived
    Payment.objects.filter(pk=started.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=16))
    with django_capture_on_commit_callbacks(execute=True):
        result = services.payments_reconcile()
    assert result == {"asked": 1, "changed": 1, "unreachable": 0}
    assert Payment.objects.get(pk=started.pk).state == State.PAID
    assert Registration.objects.filter(submission=owed).count() == 1
    assert services.payments_reconcile() == {"asked": 0, "changed": 0, "unreachable": 0}, "paid is final"


def test_the_reconcile_leaves_young_payments_to_their_checkout_and_survives_the_provider_being_down(started, psp):
    assert services.payments_reconcile()["asked"] == 0, "still within its 15 minutes"
    Payment.objects.filter(pk=started.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=16))
    psp.failures["/psp/"] = "timeout"
    assert services.payments_reconcile() == {"asked": 1, "changed": 0, "unreachable": 1}


def test_the_reconcile_runs_from_the_scheduler():
    from portal.core.scheduler import jobs

    job = jobs["payments_reconcile"]
    assert job.command == "payments_reconcile" and job.every == datetime.timedelta(minutes=5)


def test_refunds_partial_then_full_and_never_more(started, django_capture_on_commit_callbacks):
    settle(started, "paid")
    with django_capture_on_commit_callbacks(execute=True):
        sync(started)
    payment = Payment.objects.get(pk=started.pk)
    services.payment_refund(payment=payment, amount_cents=1000, reason="Te veel gerekend")
    payment.refresh_from_db()
    assert (payment.state, payment.refunded_cents) == (State.PARTIALLY_REFUNDED, 1000)
    with pytest.raises(ValidationError):
        services.payment_refund(payment=payment, amount_cents=2421, reason="te veel")
    with pytest.raises(ValidationError):
        services.payment_refund(payment=payment, amount_cents=100, reason="   ")
    services.payment_refund(payment=payment, amount_cents=2420, reason="Rest")
    payment.refresh_from_db()
    assert (payment.state, payment.refunded_cents) == (State.REFUNDED, 3420)
    assert list(payment.transitions.values_list("to_state", flat=True)) == [
        State.PAID,
        State.PARTIALLY_REFUNDED,
        State.REFUNDED,
    ]


def test_an_unpaid_payment_cannot_be_refunded(started):
    with pytest.raises(ValidationError):
        services.payment_refund(payment=started, amount_cents=100, reason="x")


def test_a_form_that_goes_ahead_unpaid_registers_at_once(psp, fee_form, resident):
    from forms_engine.services import submission_create

    fee_form.payment_before_registration = False
    fee_form.save()
    submission = submission_create(
        form=fee_form,
        revision=None,
        schema=fee_form.build_schema(),
        data={"aantal": 1},
        prefilled=[],
        resident=resident,
    )
    assert submission.payment_status == Submission.PaymentStatus.OPEN
    assert Registration.objects.filter(submission=submission).exists()


def test_staff_see_on_the_case_that_a_request_went_ahead_unpaid(rf, psp, fee_form, resident):
    from types import SimpleNamespace

    from django.contrib.auth import get_user_model

    from forms_engine.backoffice import case_submission_section
    from forms_engine.services import submission_create

    fee_form.payment_before_registration = False
    fee_form.save()
    submission = submission_create(
        form=fee_form,
        revision=None,
        schema=fee_form.build_schema(),
        data={"aantal": 1},
        prefilled=[],
        resident=resident,
    )
    request = rf.get("/cms/zaken/")
    request.user = get_user_model().objects.create(username="behandelaar", is_staff=True)
    case = SimpleNamespace(
        submission_uuid=submission.uuid,
        identification="ZAAK-2026-000001",
        resident=resident,
        case_type=SimpleNamespace(team=SimpleNamespace(name="Burgerzaken")),
    )
    section = case_submission_section(request=request, case=case)
    assert "Betaling" in section["html"] and "Nog niet betaald" in section["html"]
