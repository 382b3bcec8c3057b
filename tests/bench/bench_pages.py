"""Benchmark: the public pages a visitor reads most (the home page, a service page, a search), each against a bare
view that returns the same markup without touching the database, through the same middleware, in one run.

Run from the repository root: python tests/bench/bench_pages.py
Last line: {"bench": "pages", "home_ratio": ..., "service_ratio": ..., "search_ratio": ...}   (target >= 0.5 each)
Each ratio is that of the median of 7 rounds in which page and bare view take turns (this machine's speed drifts).
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
WORK = Path(tempfile.mkdtemp(prefix="loket-bench-pages-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import path  # noqa: E402

from cms import chrome  # noqa: E402
from cms.public_cache import HEADER  # noqa: E402
from portal import urls as portal_urls  # noqa: E402

REQUESTS = 100
ROUNDS = 7  # page and bare view take turns, so a slower moment of the machine hits both alike
PAGES = {
    "home": "/",
    "service": "/producten-en-diensten/paspoort/",
    "search": "/zoeken/?q=paspoort",
}
_bare_markup = {"bytes": b""}


def bare(request):
    return HttpResponse(_bare_markup["bytes"])


urlpatterns = [path("bare/", bare), *portal_urls.urlpatterns]  # i18n_patterns cannot be include()d


def _per_request_ms(client, url: str) -> list[float]:
    timings = []
    for _ in range(REQUESTS):
        t0 = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def main() -> None:
    print(f"building a throwaway database in {WORK} ...", flush=True)
    call_command("migrate", verbosity=0)
    from cms.demo import load_demo_site

    load_demo_site(lambda message: None)

    figures, summary = {}, {"bench": "pages"}
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        for name, url in PAGES.items():
            client.get(url)  # warm-up: templates compiled
            chrome.bump_version()  # as a publish does: the next visit renders the page anew
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                first = client.get(url)
                first_ms = (time.perf_counter() - t0) * 1000
            first_queries = len(captured.captured_queries)  # now: every later request empties Django's query log
            with CaptureQueriesContext(connection) as captured:
                kept = client.get(url)
            queries, markup = len(captured.captured_queries), kept.content
            assert (first[HEADER], kept[HEADER]) == ("miss", "hit"), name
            assert b"<main" in markup and (name != "search" or b"Paspoort" in markup), name
            _bare_markup["bytes"] = markup
            client.get("/bare/")
            rounds = []
            for _ in range(ROUNDS):
                page_ms = _per_request_ms(client, url)
                bare_ms = _per_request_ms(client, "/bare/")
                # Medians: below a millisecond one garbage collection pause moves a mean by a third.
                rounds.append((statistics.median(bare_ms) / statistics.median(page_ms), page_ms, bare_ms))
            ratio, page_ms, bare_ms = sorted(rounds, key=lambda item: item[0])[ROUNDS // 2]  # the median round
            figures[name] = (statistics.median(page_ms), statistics.median(bare_ms), queries, first_ms, first_queries)
            summary[f"{name}_ratio"] = round(ratio, 3)
            summary[f"{name}_queries"] = queries
            summary[f"{name}_first_visit_ms"] = round(first_ms, 1)
            summary[f"{name}_first_visit_queries"] = first_queries

    for name, (page_ms, bare_ms, queries, first_ms, first_queries) in figures.items():
        print(
            f"{PAGES[name]}: p50 {page_ms:.2f} ms, {queries} queries (first visit after a publish: {first_ms:.1f} ms, "
            f"{first_queries} queries); bare view of the same markup p50 {bare_ms:.2f} ms"
        )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
