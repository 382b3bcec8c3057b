"""Benchmark: the notice runner on 100 000 and then 200 000 residents, with a travel-document expiry rule and an area
rule (a drawn polygon over a quarter of the town); the baseline is the 100k run, so the ratio shows how it scales.

Per size: 10 % of residents hold a passport expiring within 90 days, 20 % have a Mijn Loket account (inbox
messages; the others get letters). E-mail/SMS notifications are queued on the database task backend, as in a
default installation, and not sent here. After the 200k run the runner runs again: it must create nothing.

Run from the repository root: python tests/bench/bench_notices.py
Last line: {"bench": "notices", "seconds_100k": ..., "seconds_200k": ..., "ratio": ..., "rerun_new": ...}
(targets: 100k <= 60 s, ratio <= 2.2, rerun_new == 0)
"""

import json
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="loket-bench-notices-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

STEP = 100_000
QUARTER = (
    '{"type": "Polygon", "coordinates": [[[5.08, 52.05], [5.13, 52.05], [5.13, 52.1], [5.08, 52.1], [5.08, 52.05]]]}'
)


def grow(count: int, rng: random.Random) -> None:
    """Adds `count` residents, a tenth with an expiring passport and a fifth with an account."""
    from django.contrib.auth import get_user_model

    from portal.core.crypto import bsn_digest
    from portal.registries.stand_in.demo import generate_residents
    from portal.registries.stand_in.models import Person, TravelDocument

    first = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    # Fictional numbers below the personas' range, which is too small for 200 000 (throwaway database only).
    generate_residents(count, seed=first + 1, first_bsn=None if first else 100_000_000)
    today = timezone.localdate()
    people = list(Person.objects.filter(pk__gt=first).values_list("pk", "bsn"))
    documents = [
        TravelDocument(
            person_id=pk,
            kind="PN",
            number=f"B{pk:08d}",
            issued_on=today - timedelta(days=3000),
            expires_on=today + timedelta(days=rng.randint(0, 89)),
        )
        for pk, _bsn in people[::10]
    ]
    TravelDocument.objects.bulk_create(documents, batch_size=5_000)
    User = get_user_model()
    accounts = [User(username=f"bench-{pk}", bsn_digest=bsn_digest(bsn), password="!") for pk, bsn in people[::5]]
    User.objects.bulk_create(accounts, batch_size=5_000)


def timed_run(rules) -> tuple[float, int]:
    from portal.notices.runner import notices_run

    start = time.perf_counter()
    outcomes = notices_run(rules=rules)
    return time.perf_counter() - start, sum(outcome.new_total for outcome in outcomes)


def reset_notices() -> None:
    from portal.inbox.models import Message
    from portal.notices.models import LetterBatch, Notice

    Notice.objects.all().delete()
    Message.objects.all().delete()
    LetterBatch.objects.all().delete()


def main() -> None:
    print(f"building a throwaway database in {WORK} ...", flush=True)
    call_command("migrate", verbosity=0)
    from portal.notices.models import NoticeCategory, NoticeRule

    category = NoticeCategory.objects.create(name="Bench")
    expiry = NoticeRule.objects.create(
        name="Paspoort verloopt",
        category=category,
        kind=NoticeRule.Kind.TRAVEL_DOCUMENT,
        document_kind="PN",
        days_ahead=90,
        subject="Uw {document} verloopt op {vervaldatum}",
        body="Beste {naam}, uw {document} verloopt op {vervaldatum}.",
        link_url="/afspraak/?products=paspoort",
        link_text="Maak een afspraak",
    )
    area = NoticeRule.objects.create(
        name="Werkzaamheden",
        category=category,
        kind=NoticeRule.Kind.AREA,
        area_geojson=QUARTER,
        subject="Werkzaamheden",
        body="Beste bewoner van {adres}, de weg gaat open.",
        approved_at=timezone.now(),
    )
    rules = [expiry, area]
    rng = random.Random(10)
    figures = {}
    for size in (STEP, 2 * STEP):
        print(f"generating residents up to {size} ...", flush=True)
        grow(STEP, rng)
        reset_notices()
        seconds, new = timed_run(rules)
        figures[size] = seconds
        print(f"{size} residents: {new} notices in {seconds:.1f} s", flush=True)
    _seconds, rerun_new = timed_run(rules)
    print(
        json.dumps(
            {
                "bench": "notices",
                "seconds_100k": round(figures[STEP], 2),
                "seconds_200k": round(figures[2 * STEP], 2),
                "ratio": round(figures[2 * STEP] / figures[STEP], 3),
                "rerun_new": rerun_new,
            }
        )
    )


if __name__ == "__main__":
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}):
        main()
