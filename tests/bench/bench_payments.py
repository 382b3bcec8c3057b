"""Benchmark: 1 000 payments, each hit by a storm of 10 duplicate and out-of-order webhooks from 4 threads, on
PostgreSQL (real row locks). A fifth of the paid ones first fail at the provider and are paid later, halfway the
storm (open-forms #5942). The webhook goes through the real view, which asks the stand-in provider through the
Mollie client each time. Also measured in the same run: a bare endpoint answering 200 (the baseline).

Run from the repository root: python tests/bench/bench_payments.py   (needs PostgreSQL, as in the README)
Last line: {"bench": "payments", "webhooks_per_s": ..., "state_changes_extra": 0, "mails_extra": 0, "unsettled": 0}
"""

import json
import os
import random
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="loket-bench-payments-"))
POSTGRES = os.environ.get("CI_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
DATABASE = "loket_bench_payments"
PAYMENTS, STORM, THREADS = 1_000, 10, 4


def _fresh_database() -> str:
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    return POSTGRES.rsplit("/", 1)[0] + f"/{DATABASE}"


os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ["DATABASE_URL"] = _fresh_database()

import django  # noqa: E402

django.setup()

from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

from portal import urls as portal_urls  # noqa: E402


@csrf_exempt
def bare(request):
    return HttpResponse(status=200)


urlpatterns = [path("bare/", bare), *portal_urls.urlpatterns]  # i18n_patterns cannot be include()d


def _storm(url: str, jobs: list[str]) -> float:
    local = threading.local()

    def post(provider_id: str):
        if not hasattr(local, "client"):
            local.client = Client()
        response = local.client.post(url, {"id": provider_id})
        assert response.status_code == 200, response.status_code

    def run(chunk: list[str]):
        try:
            for provider_id in chunk:
                post(provider_id)
        finally:
            connections.close_all()

    chunks = [jobs[number::THREADS] for number in range(THREADS)]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(run, chunks))
    return time.perf_counter() - start


def main() -> None:
    print(f"building a throwaway PostgreSQL database {DATABASE} ...", flush=True)
    setup_test_environment()  # locmem mail, so the mails can be counted
    call_command("migrate", verbosity=0)
    from forms_engine.demo import field, step
    from forms_engine.services import submission_create
    from portal.payments.contrib.stand_in.models import StandInPayment
    from portal.payments.models import Payment, PaymentTransition
    from portal.payments.services import payment_start
    from tests import testserver
    from tests.factories.cases import make_resident
    from tests.factories.forms import make_form
    from tests.factories.profile import ContactPreferencesFactory
    from tests.payments.conftest import FEE_RULE

    class Patch:  # what pytest's monkeypatch does for testserver.install
        def setattr(self, target, name, value):
            setattr(target, name, value)

    testserver.install(Patch())
    form = make_form(
        slug="leges",
        steps=[step("stap", "Stap", [field("number", "aantal", "Aantal"), field("currency", "leges", "Kosten")])],
        rules=[FEE_RULE],
        payment_amount_field="leges",
    )
    resident = make_resident()
    ContactPreferencesFactory(resident=resident, email="inwoner@example.org")
    payments = []
    for number in range(PAYMENTS):
        submission = submission_create(
            form=form,
            revision=None,
            schema=form.build_schema(),
            data={"aantal": 1 + number % 3},
            prefilled=[],
            resident=resident,
        )
        payments.append(payment_start(purpose="submission", purpose_id=str(submission.uuid)))
    print(f"data: {PAYMENTS} payments started at the stand-in provider", flush=True)

    rng = random.Random(19)
    outcome = {}
    for payment in payments:
        draw = rng.random()
        outcome[payment.provider_id] = (
            "late" if draw < 0.18 else "failed" if draw < 0.05 + 0.18 else "canceled" if draw < 0.1 + 0.18 else "paid"
        )
    expected_transitions = sum(2 if kind == "late" else 1 for kind in outcome.values())
    expected_paid = sum(kind in ("late", "paid") for kind in outcome.values())
    for kind, status in (("late", "failed"), ("failed", "failed"), ("canceled", "canceled"), ("paid", "paid")):
        ids = [provider_id for provider_id, value in outcome.items() if value == kind]
        StandInPayment.objects.filter(pk__in=ids).update(status=status)

    half = STORM // 2
    first = [provider_id for provider_id in outcome for _i in range(half)]
    second = [provider_id for provider_id in outcome for _i in range(STORM - half)]
    rng.shuffle(first)
    rng.shuffle(second)
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        mail.outbox = []
        seconds = _storm("/betalen/webhook/", first)
        late = [provider_id for provider_id, value in outcome.items() if value == "late"]
        StandInPayment.objects.filter(pk__in=late).update(status="paid")  # the bank confirms after all
        seconds += _storm("/betalen/webhook/", second)
        bare_seconds = _storm("/bare/", first + second)
    webhooks = len(first) + len(second)
    transitions = PaymentTransition.objects.count()
    paid_mails = len([message for message in mail.outbox if "Betaling ontvangen" in message.subject])
    figures = {
        "bench": "payments",
        "payments": PAYMENTS,
        "webhooks": webhooks,
        "threads": THREADS,
        "webhooks_per_s": round(webhooks / seconds, 1),
        "bare_per_s": round(webhooks / bare_seconds, 1),
        "state_changes_extra": transitions - expected_transitions,
        "mails_extra": paid_mails - expected_paid,
        "unsettled": Payment.objects.filter(state=Payment.State.OPEN).count(),
    }
    wrong = Payment.objects.exclude(state__in=["paid", "failed", "cancelled"]).count()
    print(f"paid {expected_paid}, paid late {len(late)}, payments in an unexpected state {wrong}", flush=True)
    connections.close_all()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
