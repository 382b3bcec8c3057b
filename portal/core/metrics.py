"""Prometheus metrics at /metrics: django-prometheus's request, database and cache metrics, and the business
gauges operators alert on (queue depth, registrations waiting or failed, the oldest undelivered notice, periodic
jobs that stopped succeeding). Apps register their own gauges here; each is read from the database at scrape time,
so every web process answers the same, however many run. Only a scraper with `LOKET_METRICS_TOKEN` sees them."""

import hmac
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Gauge:
    name: str
    documentation: str
    read: Callable[[], float | dict[tuple[str, ...], float]]
    labels: tuple[str, ...] = ()


class BusinessGauges(Collector):
    def __init__(self):
        self._gauges: dict[str, Gauge] = {}

    def register(self, name: str, documentation: str, read, labels: tuple[str, ...] = ()) -> None:
        """`read()` returns the value, or {label values: value} when `labels` are given."""
        self._gauges[name] = Gauge(name=f"loket_{name}", documentation=documentation, read=read, labels=labels)

    def collect(self):
        for gauge in self._gauges.values():
            family = GaugeMetricFamily(gauge.name, gauge.documentation, labels=gauge.labels or None)
            try:
                value = gauge.read()
            except Exception:  # noqa: BLE001 - one unreadable gauge (Redis down) must not take /metrics down
                logger.warning("metric could not be read", extra={"metric": gauge.name})
                continue
            if gauge.labels:
                for label_values, number in value.items():
                    family.add_metric(list(label_values), number)
            else:
                family.add_metric([], value)
            yield family


gauges = BusinessGauges()


def _registry():
    """One process's metrics, or, under gunicorn with PROMETHEUS_MULTIPROC_DIR, every worker's added up."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(gauges)
        return registry
    return REGISTRY  # the gauges joined it when the app was ready


@never_cache
@require_GET
def metrics(request):
    token = settings.LOKET_METRICS_TOKEN
    scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
    if not token or scheme != "Bearer" or not hmac.compare_digest(offered.encode(), token.encode()):
        raise Http404  # not there at all for anyone else
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
