"""From submission to destinations: a case with the receipt, a signed webhook, a department mail — each delivered
once, retried with backoff while a destination is down, visible to staff when it fails."""

import io
import json
from datetime import timedelta

import pikepdf
import pytest
import requests
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time
from pypdf import PdfReader

from forms_engine.delivery import registration_attempt, registration_retry_now
from forms_engine.destinations.contrib.webhook import signature
from forms_engine.fields import TEXTAREA_LIMIT
from forms_engine.models import Registration, Submission
from forms_engine.receipt import render_receipt
from forms_engine.services import submission_create
from portal.cases.models import Case
from tests.factories.cases import make_resident
from tests.factories.forms import make_form
from tests.helpers import assert_archival_and_accessible

HOOK = "https://ontvanger.voorbeeldstad.example/aanvragen"


class Receiver:
    """The department's system: takes each Idempotency-Key once; can be down."""

    def __init__(self):
        self.down = False
        self.accepted: dict[str, dict] = {}
        self.calls = 0

    def post(self, url, data=None, headers=None, timeout=None):
        self.calls += 1
        if self.down:
            raise requests.ConnectionError("connection refused")
        assert headers["X-Loket-Signature"] == signature("geheim", data)
        self.accepted.setdefault(headers["Idempotency-Key"], json.loads(data))
        response = requests.Response()
        response.status_code = 202
        return response


@pytest.fixture
def receiver(monkeypatch):
    monkeypatch.setenv("LOKET_TEST_WEBHOOK_SECRET", "geheim")
    receiver = Receiver()
    monkeypatch.setattr("forms_engine.destinations.contrib.webhook.requests.post", receiver.post)
    return receiver


def _form(**options):
    from portal.cases.demo import load_case_types
    from portal.cases.models import CaseType

    load_case_types()
    return make_form(slug="aanvraag", case_type=CaseType.objects.get(name="Bijzondere bijstand"), **options)


def _submit(form, resident, data=None, auth_context=None):
    return submission_create(
        form=form,
        revision=form.live_revision,
        schema=form.live_revision.as_object().build_schema(),
        data=data or {"tekst": "Jan", "lang": "Graag", "bedrag": "12.50"},
        prefilled=[],
        resident=resident,
        auth_context=auth_context,
    )


def test_a_submission_becomes_a_case_with_the_receipt(db, django_capture_on_commit_callbacks):
    form = _form()
    resident = make_resident()
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, resident)
    registration = Registration.objects.get(submission=submission)
    assert registration.state == "done" and registration.attempts == 1
    case = Case.objects.get(submission_uuid=submission.uuid)
    assert registration.result["case"] == case.identification and case.resident == resident
    assert case.submission_reference == submission.reference
    [receipt] = case.documents.all()
    assert receipt.name == f"ontvangstbewijs-{submission.reference}.pdf"


def test_a_task_run_twice_or_after_a_crash_makes_one_case(db, django_capture_on_commit_callbacks):
    from forms_engine.destinations.registry import registry

    form = _form()
    with django_capture_on_commit_callbacks(execute=False):
        submission = _submit(form, make_resident())
    registration = Registration.objects.get(submission=submission)
    # A worker made the case, then died before recording it: the next attempt finds that case.
    registry["case"].register_submission(submission=submission, options={}, key=str(registration.uuid))
    assert registration_attempt(registration_id=registration.pk) == "done"
    assert registration_attempt(registration_id=registration.pk) == "done"  # a duplicated task
    assert Case.objects.filter(submission_uuid=submission.uuid).count() == 1


def test_a_destination_down_for_100_submissions_loses_none_and_delivers_each_once(
    db, receiver, django_capture_on_commit_callbacks
):
    form = _form(destinations=[{"type": "webhook", "url": HOOK, "secret_env": "LOKET_TEST_WEBHOOK_SECRET"}])
    resident = make_resident()
    receiver.down = True
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(100):
            _submit(form, resident, {"tekst": f"Aanvraag {number}"})
    assert Submission.objects.count() == 100, "every submission is stored while the destination is down"
    hooks = Registration.objects.filter(destination="webhook")
    assert hooks.filter(state="pending", attempts=1, next_try_at__isnull=False).count() == 100
    assert "ConnectionError" in hooks.first().last_error
    assert Registration.objects.filter(destination="case", state="done").count() == 100, "the case does not wait"

    receiver.down = False
    with freeze_time(timezone.now() + timedelta(minutes=2)), django_capture_on_commit_callbacks(execute=True):
        call_command("registrations_retry", stdout=io.StringIO())
        call_command("registrations_retry", stdout=io.StringIO())  # a second runner finds nothing due
    assert hooks.filter(state="done").count() == 100
    assert len(receiver.accepted) == 100, "each submission reached the receiver exactly once"
    assert sorted(body["data"]["tekst"] for body in receiver.accepted.values()) == sorted(
        f"Aanvraag {n}" for n in range(100)
    )
    assert receiver.calls == 200, "100 refused, 100 delivered: nothing sent twice"


def test_backoff_then_visible_failure_then_retry_now(db, receiver, django_capture_on_commit_callbacks):
    form = _form(destinations=[{"type": "webhook", "url": HOOK, "secret_env": "LOKET_TEST_WEBHOOK_SECRET"}])
    receiver.down = True
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, make_resident())
    hook = Registration.objects.get(submission=submission, destination="webhook")
    waits = []
    for _attempt in range(7):
        hook.refresh_from_db()
        waits.append((hook.next_try_at - hook.updated_at).total_seconds() // 60)
        registration_attempt(registration_id=hook.pk)
    hook.refresh_from_db()
    assert waits[:4] == [1, 2, 4, 8]
    assert hook.state == "failed" and hook.attempts == 8 and hook.next_try_at is None
    receiver.down = False
    with django_capture_on_commit_callbacks(execute=True):
        registration_retry_now(registration=hook)
    hook.refresh_from_db()
    assert hook.state == "done" and len(receiver.accepted) == 1


def test_wrong_destinations_are_refused_when_the_form_is_saved(db):
    from django.core.exceptions import ValidationError

    for destinations, problem in [
        ([{"type": "fax"}], "Onbekende bestemming"),
        ([{"type": "webhook", "url": "http://onveilig.example", "secret_env": "X"}], "https-adres"),
        ([{"type": "email", "to": "geen adres"}], "geldig e-mailadres"),
        ({"type": "email"}, "een lijst"),
    ]:
        with pytest.raises(ValidationError) as error:
            make_form(slug="fout", destinations=destinations)
        assert problem in str(error.value.message_dict["destinations"])


def test_department_mail_holds_no_personal_data(db, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setenv("LOKET_TEST_PDF_PASSWORD", "wachtwoord-van-de-afdeling")
    form = make_form(
        slug="mail",
        destinations=[
            {"type": "email", "to": "bijstand@voorbeeldstad.example", "mode": "link"},
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, make_resident(), {"tekst": "Jan", "lang": "Mijn schulden zijn hoog"})
    [message] = mail.outbox
    assert submission.reference in message.body and "Mijn schulden" not in message.body
    registration = Registration.objects.get(submission=submission, destination="email")
    assert registration_attempt(registration_id=registration.pk) == "done"  # the task, run once more
    assert len(mail.outbox) == 1, "no second mail"
    assert message.extra_headers["Message-ID"].startswith("<")

    form.destinations = [
        {
            "type": "email",
            "to": "a@voorbeeldstad.example",
            "mode": "encrypted_pdf",
            "password_env": "LOKET_TEST_PDF_PASSWORD",
        }
    ]
    form.save_revision().publish()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _submit(form, make_resident(), {"tekst": "Piet", "lang": "Geheim"})
    [(name, content, kind)] = mail.outbox[0].attachments
    assert kind == "application/pdf" and name.endswith(".pdf")
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(io.BytesIO(content))
    assert pikepdf.open(io.BytesIO(content), password="wachtwoord-van-de-afdeling")


def test_an_anonymous_submission_cannot_become_a_case_and_says_so(db, django_capture_on_commit_callbacks):
    form = _form(login_required=False, required_loa="")
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, None)
    registration = Registration.objects.get(submission=submission)
    assert registration.state == "failed" and registration.attempts == 1
    assert "anonymous" in registration.last_error


@pytest.mark.parametrize(
    "answer",
    # The longest answer a text area takes, typed without a space: the receipt wraps it, every character kept.
    ["Een gewone zin.", "x" * TEXTAREA_LIMIT, "مرحبا، أريد تغيير عنواني", "שלום עולם", '<b>geen opmaak</b> & "tekens"'],
)
def test_the_receipt_is_pdf_a_3b_with_every_answer_as_text(db, answer):
    form = make_form()
    data = {
        "tekst": "Jan",
        "lang": answer,
        "bedrag": "1250.50",
        "datum": "1985-03-17",
        "keuze": "Twee",
        "vinkjes": ["Rood", "Groen"],
        "janee": False,
        "iban": "NL91ABNA0417164300",
        "bestand": [
            {
                "uuid": "00000000-0000-4000-8000-000000000001",
                "name": "loonstrook.pdf",
                "size": 2048,
                "content_type": "application/pdf",
            }
        ],
    }
    submission = _submit(form, make_resident(), data)
    pdf = render_receipt(submission, municipality="Gemeente Voorbeeldstad")
    assert_archival_and_accessible(pdf)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert submission.reference in flat and "€ 1.250,50" in flat and "Lange tekst" in flat
    for step in submission.schema["steps"]:
        for spec in step["fields"]:
            if spec["key"] in submission.data and spec["key"] != "lang":
                assert spec["label"] in flat, spec["label"]
    for shown in ("17 maart 1985", "Rood, Groen", "Nee", "NL91 ABNA 0417 1643 00", "loonstrook.pdf"):
        assert shown in flat, shown
    if answer.startswith("x"):
        assert flat.replace(" ", "").count("x") >= TEXTAREA_LIMIT
    elif answer.isascii():
        assert " ".join(answer.split()) in flat


def test_staff_see_deliveries_of_their_teams_and_retry_now(client, db, receiver, django_capture_on_commit_callbacks):
    from tests.cases.test_backoffice import _staff_client
    from tests.factories.cases import TeamFactory

    form = _form(destinations=[{"type": "webhook", "url": HOOK, "secret_env": "LOKET_TEST_WEBHOOK_SECRET"}])
    receiver.down = True
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, make_resident())
    _staff_client(client, teams=[TeamFactory(name="Burgerzaken")])
    assert submission.reference not in client.get("/cms/afleveringen/").content.decode(), "another team's form"
    hook = Registration.objects.get(submission=submission, destination="webhook")
    assert client.post(f"/cms/afleveringen/{hook.uuid}/opnieuw/").status_code == 404

    _staff_client(client, teams=[form.case_type.team])
    page = client.get("/cms/afleveringen/").content.decode()
    assert submission.reference in page and "ConnectionError" in page
    assert "Jan" not in page, "no answers in the list"
    receiver.down = False
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/cms/afleveringen/{hook.uuid}/opnieuw/").status_code == 302
    hook.refresh_from_db()
    assert hook.state == "done"
    assert f"{hook.uuid}/opnieuw/" not in client.get("/cms/afleveringen/").content.decode()
    assert submission.reference in client.get("/cms/afleveringen/?stand=done").content.decode()
