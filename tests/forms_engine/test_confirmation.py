"""The resident's proof: a confirmation mail without answers, the receipt to download, and Mijn Loket showing the
request as received at once and as a case once registered."""

import pytest
from django.core import mail

from auth.services import resident_get_or_create
from forms_engine.confirmation import confirmation_send
from forms_engine.models import Submission
from tests import testserver
from tests.factories.cases import make_resident
from tests.factories.profile import ContactPreferencesFactory
from tests.forms_engine.helpers import FormSession
from tests.forms_engine.test_wizard import PDF, _file, _new_address, _step_one
from tests.helpers import login_resident


@pytest.fixture
def sent(client, demo_site, monkeypatch, django_capture_on_commit_callbacks):
    testserver.install(monkeypatch)
    jan = resident_get_or_create(bsn="999900006")
    ContactPreferencesFactory(resident=jan, email="jan@example.org")
    login_resident(client, jan)
    form = FormSession(client, "verhuizing")
    form.start()
    _step_one(form)
    _new_address(form)
    client.post(
        form.url,
        {
            f"{form.prefix}-current_step": "woning",
            "woning-woonsituatie": "Huurwoning",
            "woning-bewijs": _file("huurcontract.pdf", PDF),
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        form.post("controle", {"declaration": "on"})
    return jan, Submission.objects.get()


def test_one_confirmation_mail_with_the_reference_and_nothing_personal(sent):
    jan, submission = sent
    [message] = mail.outbox
    assert message.to == ["jan@example.org"]
    assert submission.reference in message.subject and submission.reference in message.body
    assert "5 werkdagen" in message.body, "what happens next, from the form"
    html = message.alternatives[0][0]
    assert submission.reference in html
    for secret in (jan.bsn, "Molenweg", "Marktstraat", "huurcontract", "Jan Willem"):
        assert secret not in message.body and secret not in html
    assert confirmation_send(submission_id=submission.pk) == "already sent"
    assert len(mail.outbox) == 1


def test_editors_write_the_mail_with_placeholders_only(sent):
    _jan, submission = sent
    form = submission.form
    form.confirmation_email = "Beste inwoner, {formulier} is binnen ({kenmerk}). {{ request.user.bsn }} {bsn}"
    form.save()
    Submission.objects.filter(pk=submission.pk).update(confirmation_sent_at=None)
    mail.outbox.clear()
    confirmation_send(submission_id=submission.pk)
    body = mail.outbox[0].body
    assert f"Verhuizing doorgeven is binnen ({submission.reference})" in body
    assert "{{ request.user.bsn }} {bsn}" in body, "anything but the three placeholders stays literal text"


def test_the_receipt_downloads_for_the_sender_only(client, sent):
    _jan, submission = sent
    from_confirmation = client.get("/formulieren/verhuizing/ontvangen/ontvangstbewijs.pdf")
    assert from_confirmation.status_code == 200 and from_confirmation["Content-Type"] == "application/pdf"
    assert b"".join(from_confirmation.streaming_content).startswith(b"%PDF")
    assert from_confirmation["Cache-Control"] == "private, no-store"
    mine = client.get(f"/mijn/aanvragen/{submission.uuid}/ontvangstbewijs.pdf")
    assert mine.status_code == 200
    login_resident(client, make_resident())
    assert client.get(f"/mijn/aanvragen/{submission.uuid}/ontvangstbewijs.pdf").status_code == 404
    assert client.get("/formulieren/verhuizing/ontvangen/ontvangstbewijs.pdf").status_code == 404


def test_mijn_loket_shows_the_request_as_received_then_as_a_case(client, sent, django_assert_max_num_queries):
    _jan, submission = sent
    with django_assert_max_num_queries(15):
        page = client.get("/mijn/").content.decode()
    assert submission.reference in page
    case = submission.registrations.get(destination="case")
    assert case.state == "done"
    assert f"geregistreerd als zaak {case.result['case']}" in page
    from portal.cases.models import Case

    Case.objects.filter(submission_uuid=submission.uuid).delete()
    assert "ontvangen, wordt geregistreerd" in client.get("/mijn/").content.decode()
