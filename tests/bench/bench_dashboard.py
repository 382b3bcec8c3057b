"""Benchmark: Mijn Loket (/mijn/) for a resident with 200 cases and 500 messages, against a bare view that
renders the same markup without touching the database, through the same middleware, in one run.

Run from the repository root: python tests/bench/bench_dashboard.py
Last line: {"bench": "dashboard", "ratio_vs_bare": ..., "queries": ...}   (targets: ratio >= 0.25, queries <= 10)
The ratio is that of the two pages' median times, over requests that take turns (this machine's speed drifts).
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
WORK = Path(tempfile.mkdtemp(prefix="loket-bench-dashboard-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import path  # noqa: E402

from portal import urls as portal_urls  # noqa: E402

PAIRS = 1500  # one request to each
BLOCKS = 5
_bare_markup = {"html": ""}


def bare(request):
    return HttpResponse(engines["django"].from_string(_bare_markup["html"]).render({}, request))


urlpatterns = [path("bare/", bare), *portal_urls.urlpatterns]  # i18n_patterns cannot be include()d


def main() -> None:
    print(f"building a throwaway database in {WORK} ...", flush=True)
    call_command("migrate", verbosity=0)
    from auth.backends import SESSION_LOA
    from auth.loa import MIDDEN
    from portal.cases.demo import load_case_types
    from portal.cases.models import CaseType
    from portal.cases.services import case_create
    from portal.inbox.models import Message
    from tests.factories.cases import make_resident

    load_case_types()
    resident = make_resident()
    case_types = list(CaseType.objects.all())
    for number in range(200):
        case_create(case_type=case_types[number % len(case_types)], resident=resident)
    Message.objects.bulk_create(Message(resident=resident, subject=f"Bericht {i}", body="Tekst") for i in range(500))
    print("data: 200 cases, 500 messages", flush=True)

    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        client.force_login(resident, backend="auth.backends.DigiDBackend")
        session = client.session
        session[SESSION_LOA] = MIDDEN
        session.save()
        client.get("/mijn/")  # warm-up: creates the settings row, which renews the cached site frame
        client.get("/mijn/")  # warm-up: caches
        with CaptureQueriesContext(connection) as captured:
            markup = client.get("/mijn/").content.decode()
        queries = len(captured.captured_queries)
        _bare_markup["html"] = "{% verbatim %}" + markup + "{% endverbatim %}"
        client.get("/bare/")
        # One request each in turn, the first of each pair alternating, so a slower moment of this shared machine
        # hits both alike; per-request medians, so a pause (a neighbour, the garbage collector) does not decide.
        dashboard_times, bare_times = [], []
        for number in range(PAIRS):
            for url in ("/mijn/", "/bare/") if number % 2 else ("/bare/", "/mijn/"):
                t0 = time.perf_counter()
                response = client.get(url)
                (dashboard_times if url == "/mijn/" else bare_times).append(time.perf_counter() - t0)
                assert response.status_code == 200, (url, response.status_code)
        dashboard_rps, bare_rps = 1 / statistics.median(dashboard_times), 1 / statistics.median(bare_times)
        ratio = dashboard_rps / bare_rps
        block = PAIRS // BLOCKS  # the same figure over each fifth of the run: how much it varied
        rounds = [
            statistics.median(bare_times[i : i + block]) / statistics.median(dashboard_times[i : i + block])
            for i in range(0, PAIRS, block)
        ]

    ms = lambda values: round(statistics.median(values) * 1000, 2)  # noqa: E731
    print(f"/mijn/: {dashboard_rps:.1f} req/s (p50 {ms(dashboard_times)} ms), {queries} queries")
    print(f"bare view of the same markup: {bare_rps:.1f} req/s (p50 {ms(bare_times)} ms)")
    print(
        json.dumps(
            {
                "bench": "dashboard",
                "ratio_vs_bare": round(ratio, 3),
                "ratio_range": [round(min(rounds), 3), round(max(rounds), 3)],
                "queries": queries,
                "dashboard_per_s": round(dashboard_rps, 1),
                "bare_per_s": round(bare_rps, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
