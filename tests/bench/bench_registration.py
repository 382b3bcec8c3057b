"""Benchmark: submissions through the whole pipeline — stored, then registered as a case with its PDF/A receipt
and confirmation mail by the database task worker — per second; and the receipt's render time p50/p95.

Run from the repository root: python tests/bench/bench_registration.py
Last line: {"bench": "registration", "submissions_per_s": ..., "pdf_p50_ms": ..., "pdf_p95_ms": ...}
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="loket-bench-registration-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"

import django  # noqa: E402

import portal.settings.test as bench_settings  # noqa: E402

# The real queue: the database backend and its worker, as in a default installation (tests run tasks at once).
bench_settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
django.setup()

from django.core.management import call_command  # noqa: E402

SUBMISSIONS = 60
RENDERS = 40


def main() -> None:
    print(f"building a throwaway database in {WORK} ...", flush=True)
    call_command("migrate", verbosity=0)
    from forms_engine.models import Registration, Submission
    from forms_engine.receipt import render_receipt
    from forms_engine.services import submission_create
    from portal.cases.demo import load_case_types
    from portal.cases.models import Case, CaseType
    from tests.factories.cases import make_resident
    from tests.factories.forms import make_form
    from tests.factories.profile import ContactPreferencesFactory

    load_case_types()
    form = make_form(slug="bench", case_type=CaseType.objects.get(name="Bijzondere bijstand"))
    schema = form.live_revision.as_object().build_schema()
    residents = [make_resident() for _ in range(10)]
    for resident in residents:
        ContactPreferencesFactory(resident=resident, email="inwoner@example.org")
    data = {
        "tekst": "Jan",
        "getal": 12,
        "bedrag": "1250.50",
        "datum": "1985-03-17",
        "email": "jan@example.org",
        "keuze": "Een",
        "vinkjes": ["Rood"],
        "janee": True,
        "iban": "NL91ABNA0417164300",
    }

    start = time.perf_counter()
    for number in range(SUBMISSIONS):
        submission_create(
            form=form,
            revision=form.live_revision,
            schema=schema,
            data={**data, "lang": f"Aanvraag {number}"},
            prefilled=[],
            resident=residents[number % len(residents)],
        )
    stored = time.perf_counter()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    finished = time.perf_counter()
    done = Registration.objects.filter(state="done").count()
    assert done == SUBMISSIONS, (
        done,
        list(Registration.objects.exclude(state="done").values("state", "last_error")[:3]),
    )
    assert Case.objects.filter(submission_uuid__isnull=False).count() == SUBMISSIONS
    assert Submission.objects.filter(confirmation_sent_at__isnull=False).count() == SUBMISSIONS

    submission = Submission.objects.first()
    timings = []
    for _ in range(RENDERS):
        t0 = time.perf_counter()
        render_receipt(submission, municipality="Gemeente Voorbeeldstad")
        timings.append(time.perf_counter() - t0)

    per_s = SUBMISSIONS / (finished - start)
    p50, p95 = statistics.median(timings) * 1000, statistics.quantiles(timings, n=20)[-1] * 1000
    print(
        f"{SUBMISSIONS} submissions stored in {stored - start:.2f} s, "
        f"registered by the worker in {finished - stored:.2f} s"
    )
    print(f"pipeline: {per_s:.1f} submissions/s; receipt render p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    print(
        json.dumps(
            {
                "bench": "registration",
                "submissions_per_s": round(per_s, 2),
                "pdf_p50_ms": round(p50, 1),
                "pdf_p95_ms": round(p95, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
