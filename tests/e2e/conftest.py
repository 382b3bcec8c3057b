"""Browser journeys: one real server (gunicorn on a throwaway database with the demo loaded) for the whole run,
Debian's Chromium driven by Playwright, and axe-core on every page a journey visits."""

import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("LOKET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
E2E_POSTGRES_DATABASE = "loket_e2e"
E2E_REDIS_DB = 14


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fresh_postgres(url: str) -> str:
    """A new, empty database beside the one in DATABASE_URL, so the server never sees the test database."""
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {E2E_POSTGRES_DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {E2E_POSTGRES_DATABASE}")
    return urlunsplit(parts._replace(path=f"/{E2E_POSTGRES_DATABASE}"))


def _wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"e2e server did not come up:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def e2e_var(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def mail_dir(e2e_var) -> Path:
    """Where the live server's mails arrive, one file per connection."""
    return e2e_var / "mail"


@pytest.fixture(scope="session")
def e2e_env(e2e_var) -> dict:
    """The live server's environment: its own database and folders, mails as files."""
    var = e2e_var
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "false",
        "LOKET_VAR_DIR": str(var),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # The DigiD stand-in's issuer and the portal's redirect addresses follow the server's address.
        "LOKET_PUBLIC_URL": url,
        # Mails land as files, so a journey can open the confirmation it was sent.
        "EMAIL_URL": f"filemail:///{var / 'mail'}",  # django-environ drops one leading slash
        "LOKET_E2E_PORT": str(port),
        # A journey can be another client by the address a (trusted) proxy forwards; see the rate-limit journey.
        "LOKET_TRUSTED_PROXIES": "1",
        "LOKET_RATE_LIMIT_AVAILABILITY": "300/m",
        "LOKET_MAP_TILE_URL": MAP_TILES,
    }
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgres"):
        # The production path: PostgreSQL, tasks on RQ workers and the cache in Redis (the machine's, database
        # E2E_REDIS_DB, emptied first). On SQLite the journeys run on the embedded defaults instead.
        env["DATABASE_URL"] = _fresh_postgres(database_url)
        env["REDIS_URL"] = f"redis://127.0.0.1:6379/{E2E_REDIS_DB}"
        env["TASKS_BACKEND"] = "django_tasks_rq.RQBackend"
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    else:
        env["DATABASE_URL"] = f"sqlite:///{var / 'e2e.sqlite3'}"
        env["LOKET_PUBLIC_PAGE_CACHE"] = "0"  # two gunicorn workers, each with its own memory cache
    return env


def _worker(env: dict, *, batch: bool) -> list[str]:
    """The task worker of the environment's queue: all that waits and stop (batch), or keep working."""
    if env.get("TASKS_BACKEND") == "django_tasks_rq.RQBackend":
        return ["rqworker", "default", *(["--burst"] if batch else [])]
    return ["db_worker", *(["--batch", "--no-startup-delay"] if batch else ["--no-reload", "--interval", "0.2"])]


def manage(env: dict, *command: str) -> str:
    """A management command against the live server's database."""
    done = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


@pytest.fixture(scope="session")
def live_url(e2e_var, e2e_env):
    var, env = e2e_var, e2e_env
    port = int(env["LOKET_E2E_PORT"])
    url = env["LOKET_PUBLIC_URL"]
    # As in production: the demo's search indexing runs as tasks, which the worker finishes before we start.
    for command in (["migrate", "--no-input"], ["demo"], _worker(env, batch=True)):
        manage(env, *command)

    log = var / "server.log"
    with log.open("w") as log_file:
        processes = [
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
            for command in (
                _gunicorn(port),
                [sys.executable, "manage.py", *_worker(env, batch=False)],
            )
        ]
        try:
            _wait_until_up(url, processes[0], log)
            yield url
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=15)


def _gunicorn(port: int) -> list[str]:
    # Threads: a DigiD callback calls the stand-in's token endpoint on this same server.
    return [sys.executable, "-m", "gunicorn", "portal.wsgi", f"--bind=127.0.0.1:{port}", "--workers=2", "--threads=4"]


@pytest.fixture(scope="session")
def second_live_url(live_url, e2e_var, e2e_env):
    """A second web instance on its own port, sharing the first one's database and folders (and its environment:
    the DigiD stand-in's addresses stay the first one's), as two instances behind a load balancer would."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = e2e_var / "server-2.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(_gunicorn(port), cwd=ROOT, env=e2e_env, stdout=log_file, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(url, server, log)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=15)


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's event loop is closed between modules, so Django tests elsewhere never see it.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class BrowserProblems:
    """Everything a page did wrong that a resident would not see: CSP violations, script errors, broken assets."""

    def __init__(self, page):
        self.items: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.items.append(f"script error: {error}"))
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.items.append(f"console: {message.text}")

    def _response(self, response):
        if response.status >= 400 and response.request.resource_type != "document" and not _autosave_refused(response):
            self.items.append(f"{response.status} for {response.url}")


def _autosave_refused(response) -> bool:
    """Wagtail's autosave posts a half-made snippet every half second and answers 400 in JSON while it does not
    validate yet (shown in its "unsaved" indicator): an editor typing, not a fault. Only that exact answer passes."""
    request = response.request
    return (
        response.status == 400
        and request.method == "POST"
        and "/cms/" in response.url
        and request.headers.get("accept", "").startswith("application/json")
        and response.headers.get("content-type", "") == "application/json"
    )


# The map's background tiles, from an outside server as in production (PDOK); see _outside.
MAP_TILES = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
OUTSIDE = re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/])")


def _blank_tile() -> bytes:
    from PIL import Image

    tile = io.BytesIO()
    Image.new("RGBA", (256, 256), (230, 230, 230, 255)).save(tile, "PNG")
    return tile.getvalue()


def _outside(route, problems: "BrowserProblems", tile: bytes) -> None:
    """Nothing leaves the machine (CI has no internet, and a request left hanging there holds the page's load event
    back until a journey times out). The map's tile server answers with a plain tile, as it would offline from a
    cache; any other outside address a page asks for is a finding: a resident's browser would tell a third party
    which page they are on."""
    request = route.request
    if urlsplit(request.url).hostname == urlsplit(MAP_TILES).hostname and request.resource_type == "image":
        route.fulfill(status=200, content_type="image/png", body=tile)
        return
    problems.items.append(f"request to an outside address: {request.url}")
    route.abort("blockedbyclient")


def _new_page(browser, request, **context_options):
    context = browser.new_context(**{"locale": "nl-NL", "viewport": {"width": 1280, "height": 900}, **context_options})
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems = BrowserProblems(page)
    tile = _blank_tile()
    context.route(OUTSIDE, lambda route: _outside(route, problems, tile))
    request.addfinalizer(context.close)
    return page, problems


@pytest.fixture
def page(browser, request):
    page, problems = _new_page(browser, request)
    yield page
    assert problems.items == []


@pytest.fixture
def page_without_js(browser, request):
    page, problems = _new_page(browser, request, java_script_enabled=False)
    yield page
    assert problems.items == []


@pytest.fixture
def staff_login(live_url, e2e_env):
    """Logs a demo staff account in at the admin's login screen: password, then a code from its authenticator app
    (a device with a known key is put in place for the test and removed afterwards)."""
    used = []

    def login(page, username: str) -> None:
        import binascii
        import secrets

        from django_otp.oath import totp

        from portal.core.management.commands.demo import DEMO_EDITOR_PASSWORD_DEFAULT

        key = secrets.token_hex(20)
        manage(e2e_env, "shell", "-c", _DEVICE.format(username=username, key=key))
        used.append(username)
        page.goto(live_url + "/cms/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(DEMO_EDITOR_PASSWORD_DEFAULT)
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_label("Code uit uw authenticator-app").fill(f"{totp(binascii.unhexlify(key)):06d}")
        page.get_by_role("button", name="Doorgaan").click()
        page.wait_for_url(live_url + "/cms/")

    yield login
    for username in used:
        manage(e2e_env, "shell", "-c", _DEVICE.format(username=username, key=""))


_DEVICE = """
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
user = get_user_model().objects.get(username="{username}")
TOTPDevice.objects.filter(user=user).delete()
if "{key}":
    TOTPDevice.objects.create(user=user, name="e2e", key="{key}", confirmed=True)
"""
