"""Benchmark: reports about public space, 100 000 of them spread over the town. Measures the public map's GeoJSON
for a neighbourhood-sized box (about 1 km², some 500 points: one full page) through the whole stack, against a bare
view returning the same JSON through the same middleware, and the duplicate check a resident meets before sending
(open reports of one category within 50 m in the last 30 days), each p50/p95, on SQLite.

Run from the repository root: python tests/bench/bench_reports.py
Last line: {"bench": "reports", "map_p95_ms": ..., "duplicate_p95_ms": ..., "reports": 100000}
(targets: map p95 <= 50 ms, duplicate check p95 <= 20 ms)
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
WORK = Path(tempfile.mkdtemp(prefix="loket-bench-reports-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import path  # noqa: E402

from portal import urls as portal_urls  # noqa: E402

REPORTS = 100_000
REQUESTS = 200
CHECKS = 1000
# The town's box (inside the demo boundary) and a neighbourhood: about 1 km by 1 km.
SOUTH, NORTH, WEST, EAST = 52.05, 52.15, 5.07, 5.20
BOX_LAT, BOX_LON = 0.009, 0.0147
_bare = {"body": b""}


def bare(request):
    return HttpResponse(_bare["body"], content_type="application/geo+json")


urlpatterns = [path("bare/", bare), *portal_urls.urlpatterns]  # i18n_patterns cannot be include()d


def _fill(rng: random.Random) -> list:
    from portal.reports.demo import load_demo_reports
    from portal.reports.models import Category, Report

    load_demo_reports()
    Report.objects.all().delete()
    categories = list(Category.objects.filter(parent__isnull=False).values_list("pk", "team_id"))
    now = datetime.now(UTC)
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    statuses = ["gemeld", "in_behandeling", "ingepland", "afgehandeld", "afgehandeld", "heropend"]
    fields = ["uuid", "reference", "category", "team", "description", "latitude", "longitude", "address", "street"]
    fields += ["status", "source", "contact_name", "contact_email", "contact_phone", "created_at", "updated_at"]
    fields += ["due_on", "closed_at", "answers"]

    def rows():
        for number in range(REPORTS):
            category, team = categories[number % len(categories)]
            created = now - timedelta(seconds=rng.randrange(120 * 86_400))
            status = rng.choice(statuses)
            closed = created + timedelta(days=rng.uniform(0.5, 10)) if status == "afgehandeld" else None
            yield (
                uuid.UUID(int=rng.getrandbits(128)).hex,
                f"MOR-B-{number:06d}",
                category,
                team,
                "Omschrijving",
                round(rng.uniform(SOUTH, NORTH), 6),
                round(rng.uniform(WEST, EAST), 6),
                "",
                "Dorpsstraat",
                status,
                "web",
                "",
                "",
                "",
                created.strftime(stamp),
                created.strftime(stamp),
                (created + timedelta(days=7)).date().isoformat(),
                min(closed, now).strftime(stamp) if closed else None,
                "[]",
            )

    columns = ", ".join(connection.ops.quote_name(Report._meta.get_field(name).column) for name in fields)
    sql = f"INSERT INTO {Report._meta.db_table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, list(rows()))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return list(Category.objects.filter(parent__isnull=False))


def _p(values: list[float], n: int) -> float:
    return round(statistics.quantiles(values, n=100)[n - 1] * 1000, 2)


def main() -> None:
    started = time.perf_counter()
    print(f"building a throwaway database in {WORK} ...", flush=True)
    call_command("migrate", verbosity=0)
    rng = random.Random(18)
    categories = _fill(rng)
    print(f"data: {REPORTS} reports ({time.perf_counter() - started:.0f} s)", flush=True)

    from portal.reports.selectors import nearby_open

    boxes = []
    for _ in range(REQUESTS):
        south, west = rng.uniform(SOUTH, NORTH - BOX_LAT), rng.uniform(WEST, EAST - BOX_LON)
        boxes.append(f"{west:.5f},{south:.5f},{west + BOX_LON:.5f},{south + BOX_LAT:.5f}")
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        first = client.get("/meldingen/kaart.geojson", {"bbox": boxes[0]})
        assert first.status_code == 200, first.status_code
        features = [
            len(json.loads(client.get("/meldingen/kaart.geojson", {"bbox": b}).content)["features"]) for b in boxes[:20]
        ]
        _bare["body"] = first.content
        map_times, bare_times = [], []
        for box in boxes:  # the map and the bare view take turns, so a slower moment of the machine hits both
            t0 = time.perf_counter()
            response = client.get("/meldingen/kaart.geojson", {"bbox": box})
            map_times.append(time.perf_counter() - t0)
            assert response.status_code == 200
            t0 = time.perf_counter()
            client.get("/bare/")
            bare_times.append(time.perf_counter() - t0)

    checks = []
    found = 0
    for _ in range(CHECKS):
        category = rng.choice(categories)
        latitude, longitude = rng.uniform(SOUTH, NORTH), rng.uniform(WEST, EAST)
        t0 = time.perf_counter()
        found += len(nearby_open(category=category, latitude=latitude, longitude=longitude))
        checks.append(time.perf_counter() - t0)

    print(
        f"map GeoJSON (~{statistics.median(features):.0f} points a box): p50 {_p(map_times, 50)} ms, "
        f"p95 {_p(map_times, 95)} ms; bare view with the same body: p50 {_p(bare_times, 50)} ms, "
        f"p95 {_p(bare_times, 95)} ms"
    )
    print(f"duplicate check: p50 {_p(checks, 50)} ms, p95 {_p(checks, 95)} ms ({found} hints in {CHECKS} checks)")
    print(f"total {time.perf_counter() - started:.0f} s")
    print(
        json.dumps(
            {
                "bench": "reports",
                "map_p95_ms": _p(map_times, 95),
                "map_p50_ms": _p(map_times, 50),
                "bare_p95_ms": _p(bare_times, 95),
                "duplicate_p95_ms": _p(checks, 95),
                "duplicate_p50_ms": _p(checks, 50),
                "points_per_box": statistics.median(features),
                "reports": REPORTS,
            }
        )
    )


if __name__ == "__main__":
    main()
