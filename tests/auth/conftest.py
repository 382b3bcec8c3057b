"""DigiD logins in integration tests, through the real stand-in identity provider (see tests/testserver.py)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache

from auth import loa
from auth.stand_in_idp.demo import ensure_portal_client
from tests import testserver


@pytest.fixture
def idp(db, monkeypatch):
    cache.clear()
    ensure_portal_client()
    return testserver.install(monkeypatch)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def start_login(client, next_url="/mijn/", niveau=""):
    """The resident clicks 'Inloggen met DigiD': returns the IdP authorize URL (path and query)."""
    query = {"next": next_url}
    if niveau:
        query["niveau"] = niveau
    response = client.get("/inloggen/digid/", query)
    assert response.status_code == 302, response.content[:500]
    return _path(response["Location"])


def login_at_idp(client, authorize_path, *, bsn="999900006", acr=loa.MIDDEN):
    """At the stand-in: authorize sends to the persona page, the resident logs in, authorize answers with a code.
    Returns the callback URL (path and query) the browser would be sent to."""
    response = client.get(authorize_path)
    if response["Location"].startswith("/test-idp/inloggen/"):
        response = client.post(response["Location"], {"bsn": bsn, "acr": acr})
        assert response.status_code == 302, response.content.decode()[:2000]
        response = client.get(response["Location"])
    assert response.status_code == 302
    assert "/inloggen/digid/terug/" in response["Location"], response["Location"]
    return _path(response["Location"])


def callback_params(callback_path: str) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(callback_path).query).items()}


@pytest.fixture
def log_in(client, idp):
    def do(*, bsn="999900006", acr=loa.MIDDEN, next_url="/mijn/"):
        callback = login_at_idp(client, start_login(client, next_url), bsn=bsn, acr=acr)
        return client.get(callback)

    return do
