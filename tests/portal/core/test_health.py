from unittest import mock

from django.db.utils import OperationalError


def test_alive_answers_without_looking_further(client, db):
    with mock.patch("portal.core.views.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_ready_reports_database_cache_and_queue(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "queue": "ok", "queue_backlog": 0, "status": "ok"}


def test_ready_is_503_naming_the_database_when_it_is_down(client, db):
    with mock.patch("portal.core.views.connection.cursor", side_effect=OperationalError("secret host detail")):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["database"] == "error" and body["cache"] == "ok"
    assert "secret host detail" not in response.content.decode()


def test_ready_is_503_naming_the_cache_when_it_loses_what_it_is_given(client, db):
    with mock.patch("portal.core.views.cache.get", return_value=None):
        response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["cache"] == "error"
    assert response.json()["database"] == "ok"


def test_ready_checks_the_redis_queue_when_rq_is_the_backend(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "portal.core.tasks_rq.OnCommitRQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}  # nothing listens there
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["queue"] == "error"


def test_health_and_readiness_only_answer_get(client, db):
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405


def test_ready_with_the_machines_redis_as_queue(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "portal.core.tasks_rq.OnCommitRQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/15"}}
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json()["queue"] == "ok" and response.json()["queue_backlog"] >= 0
