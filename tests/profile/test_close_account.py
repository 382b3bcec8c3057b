"""Closing the account: explained, confirmed, done. What Loket keeps for convenience goes at once (files from
storage too); what the law makes the municipality keep stays; a new DigiD login opens the account again."""

import pytest
from django.core.cache import cache
from django.test import Client

from auth.services import resident_get_or_create
from auth.stand_in_idp.demo import ensure_portal_client
from forms_engine.models import Draft, Submission
from portal.cases.models import Case
from portal.core.models import AccessLogEntry
from portal.core.storage import private_storage
from portal.inbox.models import Attachment, Message
from portal.notices.models import NoticePreference
from portal.payments.models import Payment
from portal.profile.models import ContactPreferences, DataExport
from tests import testserver
from tests.auth.conftest import login_at_idp, start_login
from tests.factories.cases import make_resident
from tests.helpers import login_resident
from tests.profile.test_data_export import _give_data

URL = "/mijn/gegevens/opheffen/"
JAN = "999900006"


@pytest.fixture
def residents(db, client, monkeypatch, django_capture_on_commit_callbacks):
    cache.clear()
    ensure_portal_client()
    testserver.install(monkeypatch)
    jan, other = resident_get_or_create(bsn=JAN), make_resident()
    with django_capture_on_commit_callbacks(execute=True):
        _give_data(jan, "jan")
        _give_data(other, "ander")
        DataExport.objects.create(resident=jan, state=DataExport.State.READY)
    login_resident(client, jan)
    return {"jan": jan, "other": other}


def _kept_and_convenience(resident) -> dict:
    return {
        "cases": Case.objects.filter(resident=resident).count(),
        "submissions": Submission.objects.filter(resident=resident).count(),
        "payments": Payment.objects.filter(resident=resident).count(),
        "access": AccessLogEntry.objects.filter(subject_digest=resident.bsn_digest).count(),
        "messages": Message.objects.filter(resident=resident).count(),
        "contact": ContactPreferences.objects.filter(resident=resident).count(),
        "notice_choices": NoticePreference.objects.filter(resident=resident).count(),
        "exports": DataExport.objects.filter(resident=resident).count(),
        "drafts": Draft.objects.filter(resident=resident).count(),
    }


def test_the_page_explains_what_goes_and_what_stays_and_asks_to_confirm(client, residents):
    html = client.get(URL).content.decode()
    assert "Dit verwijderen we meteen" in html and "Dit bewaren we, omdat de wet dat vraagt" in html
    before = _kept_and_convenience(residents["jan"])
    response = client.post(URL, {})
    assert response.status_code == 400
    assert "Vink aan dat u uw account wilt opheffen" in response.content.decode()
    assert _kept_and_convenience(residents["jan"]) == before, "nothing happens unconfirmed"
    assert client.get("/mijn/").status_code == 200


def test_closing_deletes_what_is_not_kept_by_law_and_ends_every_session(
    client, residents, django_capture_on_commit_callbacks
):
    jan, other = residents["jan"], residents["other"]
    elsewhere = Client()
    login_resident(elsewhere, jan)
    attachment_files = [attachment.file.name for attachment in Attachment.objects.filter(message__resident=jan)]
    assert attachment_files and all(private_storage().exists(name) for name in attachment_files)
    others_before = _kept_and_convenience(other)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"confirm": "on"})
    assert response.status_code == 302

    after = _kept_and_convenience(jan)
    assert {key: after[key] for key in ("messages", "contact", "notice_choices", "exports", "drafts")} == dict.fromkeys(
        ("messages", "contact", "notice_choices", "exports", "drafts"), 0
    )
    assert after["cases"] == after["submissions"] == after["payments"] == 1 and after["access"] >= 1
    assert not any(private_storage().exists(name) for name in attachment_files), "files leave storage too"
    assert _kept_and_convenience(other) == others_before, "another resident keeps everything"
    jan.refresh_from_db()
    assert not jan.is_active and jan.closed_at is not None
    for browser in (client, elsewhere):
        assert browser.get("/mijn/").status_code == 302, "every session of the account has ended"


def test_a_new_digid_login_opens_the_account_again_with_what_was_kept(client, residents):
    client.post(URL, {"confirm": "on"})
    fresh = Client()
    response = fresh.get(login_at_idp(fresh, start_login(fresh), bsn=JAN))
    assert response.status_code == 302 and response["Location"] == "/mijn/"
    jan = residents["jan"]
    jan.refresh_from_db()
    assert jan.is_active and jan.closed_at is None
    assert "Zaak jan" in fresh.get("/mijn/zaken/").content.decode()
    assert "Bericht jan" not in fresh.get("/mijn/berichten/").content.decode()


def test_the_logged_out_page_says_the_account_is_closed(client, residents):
    response = client.post(URL, {"confirm": "on"}, follow=True)
    assert "Uw account is opgeheven." in response.content.decode()


def test_closing_is_for_residents_and_by_post_only(client, residents):
    assert Client().get(URL).status_code == 302
    assert client.get(URL + "?confirm=on").status_code == 200
    residents["jan"].refresh_from_db()
    assert residents["jan"].is_active
