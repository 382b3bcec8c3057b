"""A new e-mail address or mobile number is used only after the resident typed the 6-digit code sent to it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from portal.inbox.services import message_send
from portal.profile.models import ContactPreferences, VerificationCode
from portal.profile.services import (
    CODES_PER_HOUR,
    CodeCheck,
    CodeNotSent,
    verification_code_check,
    verification_code_send,
)
from tests.factories.cases import make_resident
from tests.factories.profile import ContactPreferencesFactory
from tests.helpers import login_resident

PREFERENCES = "/mijn/gegevens/contact/"
VERIFY_EMAIL = "/mijn/gegevens/contact/bevestigen/e-mail/"
VERIFY_SMS = "/mijn/gegevens/contact/bevestigen/sms/"
SENT_SMS: list[dict] = []


class RecordingSmsBackend:
    def send(self, *, phone_number: str, text: str) -> None:
        SENT_SMS.append({"to": phone_number, "text": text})


class BrokenSmsBackend:
    def send(self, *, phone_number: str, text: str) -> None:
        raise ConnectionError("gateway down")


@pytest.fixture
def resident(client, db, monkeypatch):
    from tests import testserver

    testserver.install(monkeypatch)
    resident = make_resident()
    login_resident(client, resident)
    return resident


@pytest.fixture(autouse=True)
def _sms():
    SENT_SMS.clear()
    with override_settings(LOKET_SMS_BACKEND="tests.profile.test_contact_verification.RecordingSmsBackend"):
        yield


def _code(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text).group(1)


def _last_mailed_code() -> str:
    return _code(mail.outbox[-1].body)


def _give_email(client, address="jan@example.org"):
    return client.post(PREFERENCES, {"email": address, "notify_by_email": "on"})


def _preferences(resident) -> ContactPreferences:
    return ContactPreferences.objects.get(resident=resident)


def _later(monkeypatch, **delta):
    moment = timezone.now() + timedelta(**delta)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_the_code_mailed_to_a_new_address_verifies_it(client, resident, django_capture_on_commit_callbacks):
    response = _give_email(client)
    assert response["Location"] == VERIFY_EMAIL
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["jan@example.org"]
    assert sent.subject == "Uw bevestigingscode voor Mijn Loket"
    code = _code(sent.body)
    assert code not in str(VerificationCode.objects.values_list("digest", flat=True)), "only a digest is kept"

    page = client.get(VERIFY_EMAIL)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    html = page.content.decode()
    assert "jan@example.org" in html and "15 minuten geldig" in html

    with django_capture_on_commit_callbacks(execute=True):
        message_send(resident=resident, subject="Uw aanvraag", body="Er is nieuws.")
    assert len(mail.outbox) == 1, "no notice goes to an unverified address"

    response = client.post(VERIFY_EMAIL, {"code": code})
    assert response.status_code == 302 and response["Location"] == "/mijn/gegevens/"
    assert _preferences(resident).email_verified
    assert "Bedankt, uw adres is bevestigd." in client.get("/mijn/gegevens/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        message_send(resident=resident, subject="Uw aanvraag", body="Er is nieuws.")
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["jan@example.org"]


def test_email_and_number_are_verified_one_after_the_other(client, resident):
    both = {"email": "jan@example.org", "phone": "06 12345678", "notify_by_email": "on", "notify_by_sms": "on"}
    response = client.post(PREFERENCES, both)
    assert response["Location"] == VERIFY_EMAIL
    assert [sms["to"] for sms in SENT_SMS] == ["+31612345678"]
    assert "06 12345678" in client.get(VERIFY_SMS).content.decode()

    response = client.post(VERIFY_EMAIL, {"code": _last_mailed_code()})
    assert response["Location"] == VERIFY_SMS, "the number's code is waiting"
    response = client.post(VERIFY_SMS, {"code": _code(SENT_SMS[-1]["text"])})
    assert response["Location"] == "/mijn/gegevens/"
    preferences = _preferences(resident)
    assert preferences.email_verified and preferences.phone_verified
    assert "nog niet bevestigd" not in client.get("/mijn/gegevens/").content.decode()


def test_a_wrong_code_says_how_many_tries_are_left_and_five_spend_the_code(client, resident):
    _give_email(client)
    code = _last_mailed_code()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in (4, 3, 2, 1):
        response = client.post(VERIFY_EMAIL, {"code": wrong})
        assert response.status_code == 400
        assert f"u kunt het nog {left} keer proberen" in response.content.decode()
    response = client.post(VERIFY_EMAIL, {"code": wrong})
    assert "U heeft te vaak een verkeerde code ingevuld" in response.content.decode()
    response = client.post(VERIFY_EMAIL, {"code": code})
    assert response.status_code == 400, "the right code no longer helps once the tries are used up"
    assert "te vaak een verkeerde code" in response.content.decode()
    assert not _preferences(resident).email_verified

    client.post(VERIFY_EMAIL, {"action": "resend"})
    response = client.post(VERIFY_EMAIL, {"code": _last_mailed_code()})
    assert response.status_code == 302 and _preferences(resident).email_verified


def test_an_expired_code_is_refused(client, resident, monkeypatch):
    _give_email(client)
    code = _last_mailed_code()
    _later(monkeypatch, minutes=16)
    response = client.post(VERIFY_EMAIL, {"code": code})
    assert response.status_code == 400
    assert "Deze code is niet meer geldig. Vraag een nieuwe code aan." in response.content.decode()
    assert not _preferences(resident).email_verified


def test_a_code_works_once_and_a_new_one_replaces_the_old(resident):
    ContactPreferencesFactory(resident=resident, email="jan@example.org", email_verified_at=None)
    verification_code_send(resident=resident, channel="email")
    first = _last_mailed_code()
    verification_code_send(resident=resident, channel="email")
    second = _last_mailed_code()
    if first != second:
        assert verification_code_check(resident=resident, channel="email", code=first).outcome is CodeCheck.WRONG
    assert verification_code_check(resident=resident, channel="email", code=second).outcome is CodeCheck.VERIFIED
    assert verification_code_check(resident=resident, channel="email", code=second).outcome is CodeCheck.EXPIRED


def test_a_code_for_another_resident_or_an_earlier_address_does_not_verify(client, resident):
    other = make_resident()
    ContactPreferencesFactory(resident=other, email="jan@example.org", email_verified_at=None)
    verification_code_send(resident=other, channel="email")
    others_code = _last_mailed_code()

    _give_email(client, "jan@example.org")  # the same address, but another resident's code
    mine = _last_mailed_code()
    if others_code != mine:
        assert client.post(VERIFY_EMAIL, {"code": others_code}).status_code == 400
    _give_email(client, "jan.nieuw@example.org")
    response = client.post(VERIFY_EMAIL, {"code": mine})
    assert response.status_code == 400, "a code sent to the earlier address does not verify the new one"
    assert not _preferences(resident).email_verified
    assert not _preferences(other).email_verified


def test_changing_an_address_verifies_again_and_other_changes_keep_it(client, resident):
    ContactPreferencesFactory(resident=resident, email="jan@example.org", phone="+31612345678")
    response = client.post(PREFERENCES, {"email": "jan@example.org", "phone": "06 12345678", "notify_by_sms": "on"})
    assert response["Location"] == "/mijn/gegevens/", "nothing new to verify"
    assert _preferences(resident).email_verified and not mail.outbox and not SENT_SMS

    response = client.post(PREFERENCES, {"email": "jan.nieuw@example.org", "phone": "06 12345678"})
    assert response["Location"] == VERIFY_EMAIL
    preferences = _preferences(resident)
    assert not preferences.email_verified and preferences.phone_verified
    assert mail.outbox[-1].to == ["jan.nieuw@example.org"]


def test_asking_for_codes_is_throttled(client, resident):
    _give_email(client)
    for _ in range(CODES_PER_HOUR - 1):
        client.post(VERIFY_EMAIL, {"action": "resend"})
    assert len(mail.outbox) == CODES_PER_HOUR
    response = client.post(VERIFY_EMAIL, {"action": "resend"}, follow=True)
    assert "U heeft te vaak om een code gevraagd. Probeer het over 60 minuten opnieuw." in response.content.decode()
    assert len(mail.outbox) == CODES_PER_HOUR
    with pytest.raises(CodeNotSent) as refused:
        verification_code_send(resident=resident, channel="email")
    assert refused.value.retry_after_minutes == 60


def test_the_throttle_lifts_after_an_hour(resident, monkeypatch):
    ContactPreferencesFactory(resident=resident, email="jan@example.org", email_verified_at=None)
    for _ in range(CODES_PER_HOUR):
        verification_code_send(resident=resident, channel="email")
    _later(monkeypatch, minutes=61)
    verification_code_send(resident=resident, channel="email")
    assert len(mail.outbox) == CODES_PER_HOUR + 1


@override_settings(LOKET_SMS_BACKEND="tests.profile.test_contact_verification.BrokenSmsBackend")
def test_a_code_that_cannot_be_sent_is_said_and_not_kept(client, resident):
    response = client.post(PREFERENCES, {"phone": "06 12345678", "notify_by_sms": "on"}, follow=True)
    html = response.content.decode()
    assert "Uw contactvoorkeuren zijn opgeslagen." in html
    assert "Het versturen van de code lukte niet. Probeer het later opnieuw." in html
    assert not VerificationCode.objects.exists()
    assert not _preferences(resident).phone_verified


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Vul de code van 6 cijfers in."),
        ("abcdef", "De code heeft 6 cijfers"),
        ("12345", "De code heeft 6 cijfers"),
        ("1234567", "De code heeft 6 cijfers"),
        ("1" * 10_000, "De code heeft 6 cijfers"),
        ("<script>alert(1)</script>", "De code heeft 6 cijfers"),
        ("١٢٣٤٥٦", "De code heeft 6 cijfers"),  # Arabic-Indic digits are not the code's digits
    ],
)
def test_malformed_codes_are_refused_next_to_the_field_without_costing_a_try(client, resident, code, message):
    _give_email(client)
    response = client.post(VERIFY_EMAIL, {"code": code})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'href="#id_code"' in html
    assert "<script>alert(1)</script>" not in html
    assert VerificationCode.objects.get().attempts == 0


@pytest.mark.parametrize("typed", ["{} {}", "{}-{}", " {}{} "])
def test_a_code_typed_with_spaces_or_full_width_digits_is_read(client, resident, typed):
    _give_email(client)
    code = _last_mailed_code()
    full_width = "".join(chr(ord(digit) + 0xFEE0) for digit in code[3:])
    response = client.post(VERIFY_EMAIL, {"code": typed.format(code[:3], full_width)})
    assert response.status_code == 302 and _preferences(resident).email_verified


def test_the_verification_page_answers_sensibly_when_there_is_nothing_to_verify(client, resident):
    assert client.get("/mijn/gegevens/contact/bevestigen/fax/").status_code == 404
    assert client.get(VERIFY_EMAIL)["Location"] == PREFERENCES, "no address given yet"
    ContactPreferencesFactory(resident=resident, email="jan@example.org")
    assert client.get(VERIFY_EMAIL)["Location"] == "/mijn/gegevens/", "already verified"
    assert client.get(VERIFY_SMS)["Location"] == PREFERENCES


def test_an_unverified_address_from_before_gets_a_button_that_sends_a_code(client, resident):
    ContactPreferencesFactory(resident=resident, email="jan@example.org", email_verified_at=None)
    details = client.get("/mijn/gegevens/").content.decode()
    assert "nog niet bevestigd" in details and f'action="{VERIFY_EMAIL}"' in details
    page = client.get(VERIFY_EMAIL).content.decode()
    assert "nog niet bevestigd" in page and "Stuur een code" in page
    response = client.post(VERIFY_EMAIL, {"action": "resend"}, follow=True)
    assert "We hebben een nieuwe code gestuurd." in response.content.decode()
    assert "We hebben een code van 6 cijfers gestuurd naar" in response.content.decode()
    assert mail.outbox[-1].to == ["jan@example.org"]


def test_residents_only(client, db):
    response = client.get(VERIFY_EMAIL)
    assert response.status_code == 302 and "/mijn/" not in response["Location"].split("?")[0]


def test_the_code_comes_in_the_language_the_resident_uses(client, resident, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _give_email(client)
    assert mail.outbox[-1].subject == "Your confirmation code for My Loket"
    assert "valid for 15 minutes" in mail.outbox[-1].body
    assert "Confirm your email address" in client.get(response["Location"]).content.decode()
