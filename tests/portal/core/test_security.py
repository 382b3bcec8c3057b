import re
import subprocess
import sys
from pathlib import Path

import pytest
from csp.decorators import csp_update
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

from portal import urls as portal_urls
from portal.core.middleware import LoketCSPMiddleware

ROOT = Path(__file__).resolve().parents[3]


def boom(request):
    raise RuntimeError("secret internal detail 123456782")


def ok(request):
    return HttpResponse("ok")


urlpatterns = [
    path("boom/", boom),
    path("ok/", ok),
    *portal_urls.urlpatterns,
]  # as they are: i18n_patterns are not for include()


@pytest.mark.urls("tests.portal.core.test_security")
def test_a_server_error_shows_the_branded_500_without_details(client, db):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert "Traceback" not in html
    assert "secret internal detail" not in html
    assert "123456782" not in html


def test_public_pages_have_a_strict_content_security_policy(client, demo_site):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def _directives(header: str) -> set[str]:
    return set(header.split("; "))  # django-csp's order of directives varies from process to process


def test_the_policy_header_follows_the_settings_and_a_response_s_own_policy(client, demo_site, settings, rf):
    assert "default-src 'self'" in _directives(client.get("/").headers["Content-Security-Policy"])
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"], "img-src": ["'self'"]}}
    policy = client.get("/healthz").headers["Content-Security-Policy"]  # the same process, the same middleware
    assert _directives(policy) == {"default-src 'none'", "img-src 'self'"}
    own = csp_update({"img-src": "https://kaart.example"})(lambda request: HttpResponse("ok"))
    response = LoketCSPMiddleware(own)(rf.get("/kaart/"))
    assert _directives(response.headers["Content-Security-Policy"]) == {
        "default-src 'none'",
        "img-src 'self' https://kaart.example",
    }


def test_only_the_editor_gets_inline_allowances(client, db):
    policy = client.get("/cms/login/").headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy


def test_security_headers(client, demo_site):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_templates_hold_no_inline_script_or_style():
    """The CSP forbids them; this catches them before a browser does. Documents that are never served as web
    pages (the PDF receipt WeasyPrint renders, HTML e-mail, which mail clients read only with inline styles)
    carry their styles inline."""
    not_web_pages = {
        "includes/pdf_style.html",  # the receipts' (forms, payments) PDF style
        "forms_engine/confirmation_email.html",
        "notices/letters.html",  # the post room's PDF
    }
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        if str(template.relative_to(ROOT / "templates")) in not_web_pages:
            continue
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\sstyle=", text) or "<style" in text:
            offenders.append(str(template.relative_to(ROOT)))
        if re.search(r"\son[a-z]+=", text):
            offenders.append(f"{template.relative_to(ROOT)} (event handler attribute)")
    assert offenders == []


def _run_with_production_settings(args, **env_overrides):
    env = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "x" * 64 + "-production-like-secret-with-enough-entropy-AbC123",
        "ALLOWED_HOSTS": "loket.voorbeeldstad.example",
        "DATABASE_URL": "sqlite:////tmp/loket-deploy-check.sqlite3",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    }
    env.update(env_overrides)
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_production_settings_pass_the_deploy_check():
    result = _run_with_production_settings(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _run_with_production_settings(["manage.py", "check"], SECRET_KEY=None)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_disable_demo_data():
    result = _run_with_production_settings(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.LOKET_DEMO_ALLOWED, settings.DEBUG, settings.SESSION_COOKIE_SECURE)",
        ]
    )
    assert result.stdout.split() == ["False", "False", "True"], result.stderr


def test_test_settings_are_not_debug():
    assert settings.DEBUG is False
