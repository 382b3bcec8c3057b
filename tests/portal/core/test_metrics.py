"""Prometheus metrics: only a scraper holding the token sees them; the business gauges follow the data (queue,
deliveries waiting or failed, undelivered notices, periodic jobs), next to django-prometheus's request metrics."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from forms_engine.models import Registration
from portal.core.models import JobRun
from portal.notices.models import Notice
from tests.factories.cases import make_resident
from tests.factories.notices import NoticeRuleFactory
from tests.forms_engine.test_delivery import _form, _submit

TOKEN = "scrape-me-" + "x" * 30


@pytest.fixture
def token(settings):
    settings.LOKET_METRICS_TOKEN = TOKEN
    return {"Authorization": f"Bearer {TOKEN}"}


def _value(text: str, metric: str) -> float:
    match = re.search(rf"^{re.escape(metric)} (\S+)$", text, re.M)
    assert match, f"{metric} not in the metrics"
    return float(match.group(1))


def test_without_the_token_there_is_nothing(client, db, settings):
    settings.LOKET_METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404, "no token configured: not exposed at all"
    settings.LOKET_METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    assert client.get("/metrics", headers={"Authorization": TOKEN}).status_code == 404, "the scheme is part of it"


def test_business_gauges_follow_the_data(client, db, token, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):  # no worker ran: the deliveries wait
        form = _form()
        _submit(form, make_resident())
        second = _submit(form, make_resident())
    Registration.objects.filter(submission=second).update(state=Registration.State.FAILED)
    rule = NoticeRuleFactory()
    Notice.objects.create(rule=rule, resident_key="a" * 64, period="2027-01", channel="inbox")
    Notice.objects.filter().update(created_at=timezone.now() - timedelta(hours=2))
    JobRun.objects.create(
        job="registrations_retry",
        period_start=timezone.now(),
        started_at=timezone.now() - timedelta(minutes=5),
        outcome=JobRun.Outcome.OK,
    )
    client.get("/healthz")
    response = client.get("/metrics", headers=token)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert _value(text, 'loket_registrations{state="pending"}') == 1
    assert _value(text, 'loket_registrations{state="failed"}') == 1
    assert _value(text, "loket_notices_undelivered") == 1
    assert 7100 < _value(text, "loket_oldest_undelivered_notice_seconds") < 7300
    assert 290 < _value(text, 'loket_periodic_job_last_success_seconds{job="registrations_retry"}') < 400
    assert _value(text, 'loket_periodic_job_last_success_seconds{job="notices_run"}') == -1, "never ran"
    assert _value(text, "loket_tasks_queued") == 0
    assert "django_http_requests_total_by_method_total" in text, "request metrics of django-prometheus"


def test_metrics_name_no_person(client, db, token):
    resident = make_resident()
    text = client.get("/metrics", headers=token).content.decode()
    assert resident.bsn not in text and resident.bsn_digest not in text
    assert not re.search(r'="\d{9}"', text), "no label holds anything like a BSN"


def test_an_unreadable_gauge_is_left_out_and_the_rest_still_served(client, db, token, settings):
    settings.TASKS = {"default": {"BACKEND": "portal.core.tasks_rq.OnCommitRQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}  # the queue is down
    response = client.get("/metrics", headers=token)
    text = response.content.decode()
    assert response.status_code == 200
    assert "loket_tasks_queued " not in text and _value(text, "loket_notices_undelivered") == 0
