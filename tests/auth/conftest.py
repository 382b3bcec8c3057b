"""DigiD logins in integration tests: the portal's server-to-server calls to the stand-in identity provider
(discovery, token, JWKS) travel through `requests` into the Django test client, so the real code runs."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.cache import cache
from django.test import Client
from requests.structures import CaseInsensitiveDict

from auth import loa
from auth.stand_in_idp.demo import ensure_portal_client

_real_send = requests.Session.send


class IdpTransport:
    """Routes requests for http://testserver/ into Django; `tamper_token_response` may rewrite the token answer."""

    def __init__(self):
        self.tamper_token_response = None
        self.down = False
        self.calls: list[str] = []

    def send(self, session, prepared, **kwargs):
        url = urlsplit(prepared.url)
        if url.hostname != "testserver":
            return _real_send(session, prepared, **kwargs)
        self.calls.append(url.path)
        if self.down:
            raise requests.ConnectionError("identity provider unreachable")
        headers = {k: v for k, v in prepared.headers.items() if k.lower() not in {"content-length", "host"}}
        path = url.path + (f"?{url.query}" if url.query else "")
        client = Client()
        if prepared.method == "POST":
            body = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body
            answer = client.post(path, data=body, content_type=prepared.headers.get("Content-Type"), headers=headers)
        else:
            answer = client.get(path, headers=headers)
        content = answer.content
        if url.path.endswith("/token/") and answer.status_code == 200 and self.tamper_token_response:
            content = json.dumps(self.tamper_token_response(json.loads(content))).encode()
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = content
        response.headers = CaseInsensitiveDict(answer.headers)
        response.url = prepared.url
        response.request = prepared
        return response


@pytest.fixture
def idp(db, monkeypatch):
    cache.clear()
    ensure_portal_client()
    transport = IdpTransport()
    monkeypatch.setattr(
        requests.Session, "send", lambda session, prepared, **kw: transport.send(session, prepared, **kw)
    )
    return transport


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
