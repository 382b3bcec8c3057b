import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from portal.inbox.services import message_send
from portal.profile.models import ContactPreferences
from tests.factories.cases import make_resident
from tests.factories.profile import ContactPreferencesFactory
from tests.helpers import login_resident

URL = "/mijn/gegevens/contact/"
SENT_SMS: list[dict] = []


class RecordingSmsBackend:
    def send(self, *, phone_number: str, text: str) -> None:
        SENT_SMS.append({"to": phone_number, "text": text})


@pytest.fixture
def resident(client, db, monkeypatch):
    from tests import testserver

    testserver.install(monkeypatch)
    resident = make_resident()
    login_resident(client, resident)
    return resident


def test_a_resident_chooses_email_and_sms(client, resident):
    response = client.post(
        URL, {"email": "jan@example.org", "phone": "06 12345678", "notify_by_email": "on", "notify_by_sms": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/mijn/gegevens/contact/bevestigen/e-mail/", "a new address is verified first"
    preferences = ContactPreferences.objects.get(resident=resident)
    assert (preferences.email, preferences.phone.as_e164) == ("jan@example.org", "+31612345678")
    assert preferences.notify_by_email and preferences.notify_by_sms
    assert not preferences.email_verified and not preferences.phone_verified
    details = client.get("/mijn/gegevens/").content.decode()
    assert "jan@example.org" in details and "06 12345678" in details
    assert details.count(">nog niet bevestigd<") == 2
    assert "geen; u ziet nieuwe berichten als u inlogt" in details, "nothing goes to unverified addresses"
    assert client.get(URL)["Cache-Control"] == "private, no-store"

    ContactPreferences.objects.filter(resident=resident).update(
        email_verified_at=timezone.now(), phone_verified_at=timezone.now()
    )
    details = client.get("/mijn/gegevens/").content.decode()
    assert "per e-mail" in details and "en per sms" in details
    assert "nog niet bevestigd" not in details


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "geen-adres", "notify_by_email": "on"}, "email", "Vul een geldig e-mailadres in"),
        ({"email": "", "notify_by_email": "on"}, "email", "Vul uw e-mailadres in"),
        ({"phone": "12345", "notify_by_sms": "on"}, "phone", "Vul een geldig telefoonnummer in"),
        ({"phone": "", "notify_by_sms": "on"}, "phone", "Vul uw mobiele nummer in"),
        ({"phone": "020 1234567", "notify_by_sms": "on"}, "phone", "alleen naar een mobiel nummer"),
        ({"email": "a" * 10_000 + "@example.org"}, "email", "Vul een geldig e-mailadres in"),
        ({"email": "<script>alert(1)</script>@example.org"}, "email", "Vul een geldig e-mailadres in"),
        ({"phone": "<script>alert(1)</script>"}, "phone", "Vul een geldig telefoonnummer in"),
    ],
)
def test_wrong_contact_details_are_refused_with_the_entry_kept(client, resident, data, field, message):
    response = client.post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'href="#id_{field}"' in html, "the error summary links to the field"
    assert "<script>alert(1)</script>" not in html
    assert not ContactPreferences.objects.filter(resident=resident).exists()


def test_residents_only(client, db):
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"] or "login" in response["Location"]


@override_settings(LOKET_SMS_BACKEND="tests.profile.test_contact_preferences.RecordingSmsBackend")
@pytest.mark.parametrize(
    ("preferences", "mails", "texts"),
    [
        ({"email": "jan@example.org", "phone": "+31612345678", "notify_by_sms": True}, 1, 1),
        ({"email": "jan@example.org", "phone": "+31612345678", "notify_by_email": False, "notify_by_sms": True}, 0, 1),
        ({"email": "jan@example.org", "phone": "+31612345678", "notify_by_email": False}, 0, 0),
        ({"email": "jan@example.org", "email_verified_at": None, "phone": "+31612345678", "notify_by_sms": True}, 0, 1),
        ({"email": "jan@example.org", "phone": "+31612345678", "phone_verified_at": None, "notify_by_sms": True}, 1, 0),
        ({}, 0, 0),
    ],
)
def test_new_messages_are_announced_only_on_the_chosen_and_verified_channels(
    db, django_capture_on_commit_callbacks, preferences, mails, texts
):
    SENT_SMS.clear()
    resident = make_resident()
    if preferences:
        ContactPreferencesFactory(resident=resident, **preferences)
    with django_capture_on_commit_callbacks(execute=True):
        message_send(resident=resident, subject="Uw uitkering", body="Het bedrag is 1234 euro.")
    assert len(mail.outbox) == mails
    assert len(SENT_SMS) == texts
    for sms in SENT_SMS:
        assert sms["to"] == "+31612345678"
        assert "uitkering" not in sms["text"] and "1234" not in sms["text"]
