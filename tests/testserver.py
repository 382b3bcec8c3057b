"""Server-to-server calls in integration tests: `requests` to http://testserver/ travel into the Django test
client, so the portal's real clients talk to the real stand-ins (identity provider, registries). Failures
can be injected per path to test how the portal copes."""

import io
import json
import threading
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import requests
from django.test import Client
from django.utils import translation
from requests.structures import CaseInsensitiveDict
from urllib3 import HTTPResponse

_real_send = requests.Session.send


class TestserverTransport:
    def __init__(self):
        self.calls: list[str] = []
        self.down = False
        self.tamper_token_response = None
        # path prefix → "timeout" | "refused" | "500" | "malformed"
        self.failures: dict[str, str] = {}
        self._local = threading.local()

    def _client(self) -> Client:
        """One test client per thread (building one loads the whole middleware stack), with no cookies kept
        between calls: server-to-server calls carry none."""
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = Client()
        client.cookies = SimpleCookie()
        return client

    def calls_to(self, prefix: str) -> int:
        return sum(1 for path in self.calls if path.startswith(prefix))

    def _failure(self, path: str):
        return next((mode for prefix, mode in self.failures.items() if path.startswith(prefix)), None)

    def send(self, session, prepared, **kwargs):
        url = urlsplit(prepared.url)
        if url.hostname != "testserver":
            return _real_send(session, prepared, **kwargs)
        self.calls.append(url.path)
        failure = "refused" if self.down else self._failure(url.path)
        if failure == "timeout":
            raise requests.ReadTimeout("read timed out")
        if failure == "refused":
            raise requests.ConnectionError("connection refused")
        if failure in ("500", "malformed"):
            return self._response(
                prepared, 500 if failure == "500" else 200, b"<html>oops" if failure == "malformed" else b""
            )
        headers = {k: v for k, v in prepared.headers.items() if k.lower() not in {"content-length", "host"}}
        path = url.path + (f"?{url.query}" if url.query else "")
        client = self._client()
        body = prepared.body.encode() if isinstance(prepared.body, str) else (prepared.body or b"")
        # A real service answers in another process: the in-process request must not change the caller's language
        # (the site's language middleware activates its own for every request it handles).
        with translation.override(translation.get_language()):
            answer = client.generic(
                prepared.method,
                path,
                data=body,
                content_type=prepared.headers.get("Content-Type") or "application/octet-stream",
                headers=headers,
            )
        content = answer.content
        if url.path.endswith("/token/") and answer.status_code == 200 and self.tamper_token_response:
            content = json.dumps(self.tamper_token_response(json.loads(content))).encode()
        return self._response(prepared, answer.status_code, content, answer.headers)

    @staticmethod
    def _response(prepared, status: int, content: bytes, headers=None):
        response = requests.Response()
        response.status_code = status
        response._content = content
        response.headers = CaseInsensitiveDict(headers or {})
        # What a real connection leaves behind too; tools that read the headers from there (schemathesis) see them.
        response.raw = HTTPResponse(
            body=io.BytesIO(content), headers=dict(response.headers), status=status, preload_content=False
        )
        response.url = prepared.url
        response.request = prepared
        return response


def install(monkeypatch) -> TestserverTransport:
    transport = TestserverTransport()
    monkeypatch.setattr(
        requests.Session, "send", lambda session, prepared, **kw: transport.send(session, prepared, **kw)
    )
    return transport
