"""The task-dependent work once more on the production queue: RQ on the machine's Redis, run by a real RQ worker
(in-process, burst), not eagerly and not on the database queue. Registration of a sent form with its confirmation
mail, a payment's follow-up (registration and the paid mail), an appointment's mails and reminders, and the notices
runner with the mails it queues."""

import os
import sys

import pytest
import redis
from django.core import mail
from django_tasks import task

# These tests flush their Redis database: each pytest-xdist worker (gw0, gw1, ...) has its own, 12 counting down.
REDIS_URL = f"redis://127.0.0.1:6379/{12 - int(os.environ.get('PYTEST_XDIST_WORKER', 'gw0')[2:]) % 11}"


@task()
def answer() -> int:
    return 42


@task()
def process_id() -> int:
    return os.getpid()


pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def rq(settings):
    settings.TASKS = {"default": {"BACKEND": "portal.core.tasks_rq.OnCommitRQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    redis.Redis.from_url(REDIS_URL).flushdb()

    def work() -> int:
        """Run every queued job in this process, as `manage.py rqworker default --burst` would; jobs left over."""
        from django_rq import get_queue, get_worker

        get_worker("default", worker_class="rq.SimpleWorker", job_class="django_tasks_rq.Job").work(burst=True)
        queue = get_queue("default")
        return len(queue) + queue.failed_job_registry.count

    yield work
    redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture
def resident_with_email(db):
    from tests.factories.cases import make_resident
    from tests.factories.profile import ContactPreferencesFactory

    resident = make_resident()
    ContactPreferencesFactory(resident=resident, email="inwoner@example.org")
    return resident


def _form(**options):
    from forms_engine.demo import field, step
    from tests.factories.forms import make_form
    from tests.payments.conftest import FEE_RULE

    return make_form(
        slug=options.pop("slug"),
        steps=[step("stap", "Stap", [field("number", "aantal", "Aantal"), field("currency", "leges", "Kosten")])],
        rules=[FEE_RULE],
        destinations=[{"type": "email", "to": "burgerzaken@voorbeeldstad.example"}],
        **options,
    )


def test_a_sent_form_is_registered_and_confirmed_by_the_worker(rq, resident_with_email):
    from forms_engine.models import Registration
    from forms_engine.services import submission_create

    fee_free_form = _form(slug="gratis")

    submission = submission_create(
        form=fee_free_form,
        revision=None,
        schema=fee_free_form.build_schema(),
        data={"aantal": 1},
        prefilled=[],
        resident=resident_with_email,
    )
    assert Registration.objects.get(submission=submission).state == "pending" and not mail.outbox, "queued only"
    assert rq() == 0
    assert Registration.objects.get(submission=submission).state == "done"
    subjects = [message.subject for message in mail.outbox]
    assert any("Bevestiging" in subject for subject in subjects), subjects
    assert any("aanvraag" in message.body for message in mail.outbox if "Bevestiging" not in message.subject)


def test_a_payment_s_follow_up_runs_on_the_worker(rq, monkeypatch, resident_with_email):
    from forms_engine.models import Registration
    from forms_engine.services import submission_create
    from portal.payments.services import payment_start, payment_sync
    from tests import testserver
    from tests.payments.conftest import settle

    testserver.install(monkeypatch)
    form = _form(slug="leges", payment_amount_field="leges")
    submission = submission_create(
        form=form,
        revision=None,
        schema=form.build_schema(),
        data={"aantal": 2},
        prefilled=[],
        resident=resident_with_email,
    )
    payment = payment_start(purpose="submission", purpose_id=str(submission.uuid))
    settle(payment, "paid")
    payment_sync(payment=payment, source="webhook")
    assert not Registration.objects.filter(submission=submission).exists(), "the follow-up waits in the queue"
    assert rq() == 0
    assert rq() == 0, "the registration the follow-up queued ran too"
    assert Registration.objects.get(submission=submission).state == "done"
    assert len([message for message in mail.outbox if "Betaling ontvangen" in message.subject]) == 1


def _book_a_week_ahead():
    """An appointment at 10:00 on the first working day a week or more ahead, booked by Jan without DigiD."""
    from datetime import time, timedelta

    from django.utils import timezone

    from portal.appointments.services import booking_create
    from tests.factories.appointments import DeskFactory, LocationFactory, ProductFactory

    product = ProductFactory(slug="paspoort", name="Paspoort", duration_minutes=20, allow_anonymous=True)
    desk = DeskFactory(products=[product], location=LocationFactory(open_weekdays=(time(9), time(17))))
    start = (timezone.localtime() + timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    while start.weekday() >= 5:
        start += timedelta(days=1)
    return booking_create(
        products=[product], persons=1, location=desk.location, starts_at=start, name="Jan", email="jan@example.nl"
    )


def test_an_appointment_s_mails_go_out_from_the_worker(rq):
    _book_a_week_ahead()
    assert not mail.outbox
    assert rq() == 0
    assert [message.to for message in mail.outbox] == [["jan@example.nl"]]


def test_notices_are_made_and_their_mails_sent_by_the_worker(rq):
    """The runner as a task (as an approved area notice queues it), then the 'new message' mails it queues."""
    from datetime import timedelta

    from django.utils import timezone

    from auth.services import resident_get_or_create
    from portal.inbox.models import Message
    from portal.notices.models import Notice, NoticeRule
    from portal.notices.tasks import run_notices
    from tests.factories.notices import NoticeRuleFactory, PersonFactory, TravelDocumentFactory
    from tests.factories.profile import ContactPreferencesFactory

    rule = NoticeRuleFactory(name="Paspoort verloopt", document_kind=NoticeRule.DocumentKind.PASSPORT)
    holder = PersonFactory()
    TravelDocumentFactory(person=holder, expires_on=timezone.localdate() + timedelta(days=40))
    jan = resident_get_or_create(bsn=holder.bsn)
    ContactPreferencesFactory(resident=jan, email="jan@example.org")

    run_notices.enqueue(rule_id=rule.pk)
    assert not Notice.objects.exists(), "queued only"
    assert rq() == 0
    assert rq() == 0, "the mails the run queued went out too"
    assert Notice.objects.filter(resident_key=jan.bsn_digest, notified_at__isnull=False).count() == 1
    assert Message.objects.filter(resident=jan).count() == 1
    assert [message.to for message in mail.outbox] == [["jan@example.org"]]
    assert "paspoort" not in mail.outbox[0].body.lower(), "no content in the e-mail"


def test_appointment_reminders_go_out_from_the_worker_once(rq):
    from datetime import timedelta

    from portal.appointments.services import reminders_send

    booking = _book_a_week_ahead()
    assert rq() == 0
    mail.outbox.clear()

    a_day_before = booking.starts_at - timedelta(hours=23)
    assert reminders_send(now=a_day_before) == 1
    assert reminders_send(now=a_day_before) == 0, "taken once, however often the hourly job runs"
    assert not mail.outbox
    assert rq() == 0
    assert [(message.to, "Herinnering" in message.subject) for message in mail.outbox] == [(["jan@example.nl"], True)]


def test_a_task_queued_in_a_transaction_reaches_redis_only_when_it_commits(rq):
    # Saving a form queues Wagtail's reference-index and search-index tasks; run before the commit, they failed
    # with DoesNotExist on the workers (portal/core/tasks_rq.py).
    from django.db import transaction
    from django_rq import get_queue

    from forms_engine.models import FormDefinition
    from tests.factories.forms import make_form

    with transaction.atomic():
        definition = make_form(slug="in-een-transactie")
        assert get_queue("default").count == 0, "nothing on Redis before the commit"
    assert get_queue("default").count > 0
    assert rq() == 0, "every task ran, none failed"
    assert FormDefinition.objects.filter(pk=definition.pk).exists()


def test_a_rolled_back_transaction_queues_nothing_and_the_given_id_is_the_job_s(rq):
    from django.db import transaction
    from django_rq import get_queue
    from django_tasks import TaskResultStatus, default_task_backend

    with transaction.atomic():
        answer.enqueue()
        transaction.set_rollback(True)
    assert get_queue("default").count == 0

    with transaction.atomic():
        result = answer.enqueue()
    assert rq() == 0
    assert default_task_backend.get_result(result.id).status == TaskResultStatus.SUCCESSFUL


def test_the_production_worker_starts_weasyprint_before_it_forks_a_job(rq, monkeypatch):
    # Each job runs in a fork of the worker; started cold, every fork paid WeasyPrint's start (≈ 0.8 s) for its
    # receipt and the holidays library's import for a case's due date. The worker class takes those steps once, in
    # the parent, and still runs each job in a fork.
    from django_rq import get_worker
    from django_tasks import TaskResultStatus, default_task_backend

    from portal.cases import workdays
    from portal.core import warmup

    warmed_in = []
    real_run = warmup.run
    monkeypatch.setattr(warmup, "run", lambda kind: warmed_in.append((kind, os.getpid())) or real_run(kind))
    workdays._holidays.cache_clear()
    result = process_id.enqueue()
    worker = get_worker("default", worker_class="portal.core.tasks_rq.WarmWorker", job_class="django_tasks_rq.Job")
    assert warmed_in == [("worker", os.getpid())], "warmed up in the worker itself, as it was made"
    assert "weasyprint" in sys.modules
    assert workdays._holidays.cache_info().currsize == 1, "this year's holidays were looked up"

    worker.work(burst=True)
    assert default_task_backend.get_result(result.id).status == TaskResultStatus.SUCCESSFUL
    assert default_task_backend.get_result(result.id).return_value != os.getpid(), "the job ran in a fork"
    assert warmed_in == [("worker", os.getpid())], "once, not per job"
