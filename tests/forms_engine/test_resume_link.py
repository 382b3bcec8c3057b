"""An anonymous resident asks for a link to go on later: by e-mail, signed, single use, 7 days."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from forms_engine.demo import field, step
from forms_engine.models import ResumeLink
from tests import testserver
from tests.factories.forms import make_form
from tests.forms_engine.helpers import FormSession

STEPS = [
    step("een", "Uw melding", [field("text", "wat", "Wat is er aan de hand?")]),
    step("twee", "Contact", [field("email", "email", "E-mail")]),
]


@pytest.fixture
def halfway(client, demo_site, monkeypatch, django_capture_on_commit_callbacks):
    testserver.install(monkeypatch)
    make_form(slug="melding", login_required=False, required_loa="", steps=STEPS)
    form = FormSession(client, "melding")
    form.start()
    page = form.post("een", {"wat": "Losse stoeptegel bij de school"}).content.decode()
    assert "/formulieren/melding/later/" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/formulieren/melding/later/", {"email": "inwoner@example.org"})
    assert "We hebben u een link gestuurd" in response.content.decode()
    [message] = mail.outbox
    assert "Losse stoeptegel" not in message.body, "the mail holds the link, not the answers"
    return re.search(r"http://testserver(/formulieren/verder/\S+/)", message.body).group(1)


def test_the_link_brings_the_answers_to_another_device_once(halfway):
    other_device = Client()
    response = other_device.get(halfway)
    assert response.status_code == 302 and response["Location"] == "/formulieren/melding/"
    page = other_device.get("/formulieren/melding/")
    assert FormSession.current_step(page) == "twee"
    back = other_device.get("/formulieren/melding/?stap=een").content.decode()
    assert "Losse stoeptegel bij de school" in back
    again = Client().get(halfway)
    assert again.status_code == 410 and "al gebruikt" in again.content.decode()


def test_an_expired_or_garbled_link_gets_a_clear_page(halfway):
    with freeze_time(timezone.now() + timedelta(days=8)):
        expired = Client().get(halfway)
    assert expired.status_code == 410 and "ouder dan 7 dagen" in expired.content.decode()
    garbled = Client().get(halfway[:-6] + "xxxxx/")
    assert garbled.status_code == 410 and "niet compleet" in garbled.content.decode()
    assert Client().get("/formulieren/verder/%3Cscript%3E/").status_code == 410
    assert ResumeLink.objects.get().used_at is None, "a failed attempt does not use the link up"


def test_a_wrong_email_address_is_refused(client, demo_site, monkeypatch):
    testserver.install(monkeypatch)
    make_form(slug="melding", login_required=False, required_loa="", steps=STEPS)
    form = FormSession(client, "melding")
    form.start()
    form.post("een", {"wat": "Kapotte lantaarnpaal"})
    response = client.post("/formulieren/melding/later/", {"email": "geen adres"})
    assert response.status_code == 400 and "geldig e-mailadres" in response.content.decode()
    assert not ResumeLink.objects.exists()
    assert Client().get("/formulieren/melding/later/").status_code == 302, "nothing to keep: back to the form"
