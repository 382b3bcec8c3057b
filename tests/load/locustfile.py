"""Loket as its residents use it, for locust: visitors read pages, search and look at free appointment times;
residents log in through the DigiD stand-in (the whole flow timed as one "login" entry) and open Mijn Loket, their
messages, a prefilled form step and the appointment calendar.

Run by tests/bench/bench_load.py, or by hand against a running portal:
    locust -f tests/load/locustfile.py --host http://127.0.0.1:8000
A load test from one address needs LOKET_RATE_LIMIT_AVAILABILITY raised on the portal: its budget is per client."""

import random
import re
import time

from locust import HttpUser, between, task

CALENDAR = "/afspraak/dag/?products=paspoort&persons=1&location=stadhuis"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PERSONAS = re.compile(r'name="persona"[^>]*value="(\d{9})"')


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

    def on_start(self):
        began = time.perf_counter()
        exception = None
        try:
            self._log_in()
        except Exception as error:  # noqa: BLE001 - reported to locust as a failed login
            exception = error
        self.environment.events.request.fire(
            request_type="FLOW",
            name="login",
            response_time=(time.perf_counter() - began) * 1000,
            response_length=0,
            exception=exception,
            context={},
        )

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
