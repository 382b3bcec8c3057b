"""Loket as its residents use it, for locust: visitors read pages, search and look at free appointment times;
residents log in through the DigiD stand-in (the whole flow timed as one "login" entry), open Mijn Loket, their
messages, a prefilled form step and the appointment calendar, send the moving form (four steps, an upload, then the
check; timed as one "send form" entry besides its requests), and log out to come back as the next resident.

Run by tests/bench/bench_load.py, or by hand against a running portal:
    locust -f tests/load/locustfile.py --host http://127.0.0.1:8000
A load test from one address needs LOKET_RATE_LIMIT_AVAILABILITY raised on the portal: its budget is per client."""

import json
import os
import random
import re
import time
from collections import defaultdict
from datetime import date

from locust import HttpUser, between, events, task

CALENDAR = "/afspraak/dag/?products=paspoort&persons=1&location=stadhuis"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PERSONAS = re.compile(r'name="persona"[^>]*value="(\d{9})"')
MOVING_FORM = "/producten-en-diensten/verhuizing-doorgeven/aanvragen/"
WIZARD = re.compile(r'name="(loket_form_\d+)-current_step" value="([^"]+)"')
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Every response time as measured, HTTP requests apart from the timed flows (a flow holds several requests), written
# at the end to $LOKET_LOAD_TIMES for exact percentiles (locust's own aggregate mixes both kinds).
TIMES: dict[str, list[float]] = defaultdict(list)


@events.request.add_listener
def _record(request_type, name, response_time, **kwargs):
    TIMES[name if request_type == "FLOW" else "http"].append(response_time)


@events.test_stop.add_listener
def _write_times(**kwargs):
    if os.environ.get("LOKET_LOAD_TIMES"):
        with open(os.environ["LOKET_LOAD_TIMES"], "w") as file:
            json.dump(TIMES, file)


class Visitor(HttpUser):
    weight = 3
    wait_time = between(1, 3)

    @task(3)
    def home(self):
        self.client.get("/")

    @task(2)
    def service_page(self):
        self.client.get("/producten-en-diensten/paspoort/")

    @task(2)
    def search(self):
        self.client.get("/zoeken/?q=" + random.choice(["paspoort", "verhuizen", "afval", "rijbewijs"]), name="/zoeken/")

    @task(1)
    def free_times(self):
        self.client.get(CALENDAR, name="/afspraak/dag/")


class Resident(HttpUser):
    weight = 1
    wait_time = between(1, 3)

    def _flow(self, name: str, steps) -> None:
        """Time a flow of several requests as one entry; any failure in it fails the entry."""
        began = time.perf_counter()
        exception = None
        try:
            steps()
        except Exception as error:  # noqa: BLE001 - reported to locust as a failed flow
            exception = error
        self.environment.events.request.fire(
            request_type="FLOW",
            name=name,
            response_time=(time.perf_counter() - began) * 1000,
            response_length=0,
            exception=exception,
            context={},
        )

    def on_start(self):
        self._flow("login", self._log_in)

    def _log_in(self):
        page = self.client.get("/inloggen/digid/?next=/mijn/", name="/inloggen/digid/ → stand-in")
        bsn = random.choice(PERSONAS.findall(page.text))
        token = CSRF.search(page.text).group(1)
        done = self.client.post(
            page.url,
            data={
                "csrfmiddlewaretoken": token,
                "persona": bsn,
                "acr": "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
                "bsn": "",
            },
            headers={"Referer": page.url},
            name="stand-in login → callback → /mijn/",
        )
        if not done.url.rstrip("/").endswith("/mijn") or done.status_code != 200:
            raise RuntimeError(f"login ended at {done.url} ({done.status_code})")

    @task(3)
    def overview(self):
        self.client.get("/mijn/")

    @task(2)
    def messages(self):
        self.client.get("/mijn/berichten/")

    @task(1)
    def form_step(self):
        self.client.get("/producten-en-diensten/verhuizing-doorgeven/aanvragen/?opnieuw=1", name="form: first step")

    @task(1)
    def free_times(self):
        self.client.get(CALENDAR, name="/afspraak/dag/")

    @task(1)
    def send_moving_form(self):
        self._flow("send form", self._send_moving_form)

    @task(1)
    def leave_and_come_back(self):
        """Visits are short: the resident logs out, and another one (this user, fresh cookies) logs in, so logins
        are measured all through the run, not only while the users are being started."""
        page = self.client.get("/mijn/")
        self.client.post(
            "/uitloggen/",
            data={"csrfmiddlewaretoken": CSRF.search(page.text).group(1)},
            headers={"Referer": page.url},
            name="/uitloggen/ → stand-in → /uitgelogd/",
        )
        self.client.cookies.clear()
        self._flow("login", self._log_in)

    def _send_moving_form(self):
        page = self.client.get(MOVING_FORM + "?opnieuw=1", name="form: first step")
        today = date.today()
        answers = {
            "over_u": {"over_u-email": "inwoner@example.org", "over_u-telefoon": ""},
            "verhuizing": {
                "verhuizing-nieuw_adres_0": "1235AC",
                "verhuizing-nieuw_adres_1": "1",
                "verhuizing-nieuw_adres_2": "",
                "verhuizing-verhuisdatum_0": str(today.day),
                "verhuizing-verhuisdatum_1": str(today.month),
                "verhuizing-verhuisdatum_2": str(today.year),
                "verhuizing-meeverhuizers": "nee",
            },
            "woning": {"woning-woonsituatie": "Huurwoning"},
            "controle": {"controle-declaration": "on"},
        }
        for expected in answers:
            found = WIZARD.search(page.text)
            if not found or found.group(2) != expected:
                raise RuntimeError(f"expected step {expected}, the page shows {found and found.group(2)}")
            prefix = found.group(1)
            files = {"woning-bewijs": ("huurcontract.pdf", PDF, "application/pdf")} if expected == "woning" else None
            page = self.client.post(
                MOVING_FORM,
                data={
                    "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
                    f"{prefix}-current_step": expected,
                    **answers[expected],
                },
                files=files,
                headers={"Referer": page.url},
                name=f"form: send {expected}",
            )
        if page.status_code != 200 or "/ontvangen/" not in page.url:
            raise RuntimeError(f"sending ended at {page.url} ({page.status_code})")
