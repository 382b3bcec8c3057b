import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """For the load balancer: 200 while the database answers, 503 when it does not.

    The queue backlog (tasks waiting for the database worker) is reported so operators can alert on it;
    a backlog alone does not take the web process out of rotation.
    """
    body: dict[str, object] = {"database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            from django_tasks_db.models import DBTaskResult

            body["queue_backlog"] = DBTaskResult.objects.ready().count()
    except Exception:
        logger.exception("health check: database unreachable")
        body["database"] = "error"
    healthy = body["database"] == "ok"
    body["status"] = "ok" if healthy else "error"
    return JsonResponse(body, status=200 if healthy else 503)


def bad_request(request, exception=None):
    """400 with the site around it (Django's own renders the template without the request)."""
    from django.shortcuts import render

    return render(request, "400.html", status=400)
