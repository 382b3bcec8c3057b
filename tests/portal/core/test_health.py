from unittest import mock

from django.db.utils import OperationalError


def test_health_reports_database_and_queue(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("max-age=0")
    assert response.json() == {"database": "ok", "queue_backlog": 0, "status": "ok"}


def test_health_is_503_when_the_database_is_down(client, db):
    with mock.patch("portal.core.views.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert "gone" not in response.content.decode()


def test_health_only_answers_get(client, db):
    assert client.post("/healthz").status_code == 405
