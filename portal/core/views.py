import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.core.queue import queue_backlog

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """Alive: the process answers. For the orchestrator's liveness probe; it never looks further, so an outage of
    the database does not get every web process restarted."""
    return JsonResponse({"status": "ok"})


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    token = secrets.token_hex(8)
    cache.set("readyz", token, timeout=10)
    if cache.get("readyz") != token:
        raise RuntimeError("the cache did not keep what was put in")


def _queue() -> dict:
    """The task queue is reachable; its backlog is reported for alerting (a backlog alone is still ready)."""
    return {"queue_backlog": queue_backlog()}


@never_cache
@require_GET
def readyz(request):
    """Ready: the database, the cache and the task queue answer. 503 names which does not (never why: the reason
    goes to the log), so the load balancer takes this process out of rotation until they do."""
    body: dict[str, object] = {}
    for name, check in (("database", _database), ("cache", _cache), ("queue", _queue)):
        try:
            body |= check() or {}
        except Exception:
            logger.exception("readiness check failed", extra={"dependency": name})
            body[name] = "error"
        else:
            body[name] = "ok"
    ready = all(body[name] == "ok" for name in ("database", "cache", "queue"))
    body["status"] = "ok" if ready else "error"
    return JsonResponse(body, status=200 if ready else 503)


def bad_request(request, exception=None):
    """400 with the site around it (Django's own renders the template without the request)."""
    from django.shortcuts import render

    return render(request, "400.html", status=400)
