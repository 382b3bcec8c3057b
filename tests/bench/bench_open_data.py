"""Benchmark: "Zo doen we het" on 1 million cases over 3 years (and 150 000 satisfaction answers): the daily
refresh that computes every figure and chart, and the public page served from what it stored, against a bare view
that renders the page's markup without touching the database, through the same middleware, in one run.

Run from the repository root: python tests/bench/bench_open_data.py
Last line: {"bench": "open_data", "refresh_s": ..., "page_p95_ms": ...}   (targets: refresh <= 60 s, page p95 <= 50 ms)
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="loket-bench-open-data-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import path  # noqa: E402

from portal import urls as portal_urls  # noqa: E402

CASES = 1_000_000
ANSWERS = 150_000
REQUESTS = 300
_bare_markup = {"html": ""}


def bare(request):
    return HttpResponse(engines["django"].from_string(_bare_markup["html"]).render({}, request))


urlpatterns = [path("bare/", bare), *portal_urls.urlpatterns]  # i18n_patterns cannot be include()d


def _fill(rng: random.Random) -> None:
    from portal.cases.demo import load_case_types
    from portal.cases.models import Case, CaseType
    from portal.opendata.models import Satisfaction
    from portal.opendata.services import JourneyRef
    from tests.factories.cases import make_resident

    load_case_types()
    resident = make_resident()
    case_types = list(CaseType.objects.values_list("pk", "service_norm_days", "name", "team_id"))
    end = datetime.now(UTC) - timedelta(days=1)
    span = 3 * 365 * 86_400
    fields = ["uuid", "identification", "case_type", "resident", "channel", "submission_reference", "created_at"]
    fields += ["expected_on", "suspended_days", "result", "closed_at"]
    stamp = "%Y-%m-%d %H:%M:%S.%f"

    def cases():
        for number in range(CASES):
            case_type_id, norm, _name, _team = case_types[number % len(case_types)]
            received = end - timedelta(seconds=rng.randrange(span))
            closed = received + timedelta(hours=rng.uniform(2, norm * 24 * 3))
            yield (
                uuid.UUID(int=rng.getrandbits(128)).hex,
                f"ZAAK-B-{number:07d}",
                case_type_id,
                resident.pk,
                "online",
                "",
                received.strftime(stamp),
                (received + timedelta(days=norm * 1.4)).date().isoformat(),
                0,
                "",
                closed.strftime(stamp) if closed < end else None,  # the newest are still open
            )

    _insert(Case, fields, cases())

    def answers():
        for number in range(ANSWERS):
            case_type_id, _norm, name, team_id = case_types[number % len(case_types)]
            key = JourneyRef("case", f"bench-{number}", name).key
            answered = (end - timedelta(days=rng.randrange(3 * 365))).date().isoformat()
            yield ("case", name, case_type_id, team_id, key, rng.randint(1, 5), "", answered)

    _insert(
        Satisfaction,
        ["journey", "subject", "case_type", "team", "journey_key", "score", "comment", "answered_on"],
        answers(),
    )


def _insert(model, fields: list[str], rows) -> None:
    """Rows straight into the model's table, 50 000 at a time: the ORM would spend minutes on a million objects."""
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in fields)
    sql = f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    with transaction.atomic(), connection.cursor() as cursor:
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == 50_000:
                cursor.executemany(sql, batch)
                batch = []
        cursor.executemany(sql, batch)


def _timings(client, url: str) -> list[float]:
    timings = []
    for _ in range(REQUESTS):
        t0 = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - t0)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def _p95_ms(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[-1] * 1000, 2)


def main() -> None:
    started = time.perf_counter()
    print(f"building a throwaway database in {WORK} ...", flush=True)
    call_command("migrate", verbosity=0)
    _fill(random.Random(23))
    print(f"data: {CASES} cases over 3 years, {ANSWERS} answers ({time.perf_counter() - started:.0f} s)", flush=True)

    from portal.opendata.services import figures_refresh

    refresh_started = time.perf_counter()
    figures_refresh()
    refresh_s = time.perf_counter() - refresh_started
    print(f"refresh: {refresh_s:.1f} s", flush=True)

    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        client.get("/open-data/")  # warm-up: the settings row and the cached site frame
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            markup = client.get("/open-data/").content.decode()
        _bare_markup["html"] = "{% verbatim %}" + markup + "{% endverbatim %}"
        page, bare_times = [], []
        for _ in range(3):  # page and bare view take turns, so a slower moment of the machine hits both alike
            page += _timings(client, "/open-data/")
            bare_times += _timings(client, "/bare/")

    print(
        f"/open-data/: p50 {statistics.median(page) * 1000:.2f} ms, p95 {_p95_ms(page)} ms, "
        f"{len(queries)} queries, {len(markup) // 1024} kB"
    )
    print(
        f"bare view of the same markup: p50 {statistics.median(bare_times) * 1000:.2f} ms, p95 {_p95_ms(bare_times)} ms"
    )
    print(f"total {time.perf_counter() - started:.0f} s")
    print(
        json.dumps(
            {
                "bench": "open_data",
                "cases": CASES,
                "answers": ANSWERS,
                "refresh_s": round(refresh_s, 2),
                "page_p95_ms": _p95_ms(page),
                "page_p50_ms": round(statistics.median(page) * 1000, 2),
                "bare_p95_ms": _p95_ms(bare_times),
                "queries": len(queries),
            }
        )
    )


if __name__ == "__main__":
    main()
