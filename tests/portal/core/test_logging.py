import io
import json
import logging

import pytest


@pytest.fixture
def log_lines():
    """What the console handler writes, as parsed JSON lines."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console" or h.formatter)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    request_logger = logging.getLogger("django.request")
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    finally:
        handler.setStream(previous)
        assert request_logger  # keep the logger alive for the duration


def test_a_not_found_is_logged_as_json_with_request_id_but_without_query(client, demo_site, log_lines):
    response = client.get("/bestaat-niet/", {"bsn": "123456782", "email": "jan@example.org"})
    assert response.status_code == 404
    records = [r for r in log_lines() if r["logger"] == "django.request"]
    assert len(records) == 1
    record = records[0]
    assert record["level"] == "WARNING"
    assert record["request_id"] == response.headers["X-Request-ID"]
    assert record["path"] == "/bestaat-niet/"
    raw = json.dumps(record)
    assert "123456782" not in raw
    assert "jan@example.org" not in raw
    assert "WSGIRequest" not in raw


def test_a_well_formed_request_id_from_the_load_balancer_is_kept(client, db):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-0123456789abcdef"})
    assert response.headers["X-Request-ID"] == "lb-0123456789abcdef"


@pytest.mark.parametrize("bad", ["", "short", "x" * 500, "evil\nInjected: header", "<script>"])
def test_a_malformed_request_id_is_replaced(client, db, bad):
    response = client.get("/healthz", headers={"X-Request-ID": bad})
    assert response.headers["X-Request-ID"] != bad
    assert len(response.headers["X-Request-ID"]) == 32
