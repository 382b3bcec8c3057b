"""'Download mijn gegevens': a zip with a JSON file per kind of data and a PDF/A summary, made by a task, for the
resident alone, for a week."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from portal.appointments.models import Booking, CeremonyType, Wedding
from portal.cases.services import case_create
from portal.core.models import audit_lookup
from portal.core.storage import private_storage
from portal.core.uploads import CheckedUpload
from portal.inbox.models import Attachment, Message
from portal.inbox.services import message_send
from portal.notices.models import Notice, NoticePreference
from portal.payments.models import Payment
from portal.profile.models import DataExport
from portal.profile.services import data_exports_purge
from tests import testserver
from tests.factories.appointments import DeskFactory, ProductFactory
from tests.factories.cases import CaseTypeFactory, make_resident
from tests.factories.forms import make_form
from tests.factories.notices import NoticeCategoryFactory, NoticeRuleFactory
from tests.factories.profile import ContactPreferencesFactory
from tests.helpers import assert_archival_and_accessible, login_resident

URL = "/mijn/gegevens/download/"
PARTS = {"gegevens", "aanvragen", "zaken", "berichten", "afspraken", "voormeldingen", "betalingen", "inzage"}


def _give_data(resident, tag: str) -> str:
    """Something of `resident` in every table the download covers, each marked with `tag`; the case number."""
    from forms_engine.models import Submission

    ContactPreferencesFactory(resident=resident, email=f"{tag}@example.org")
    form = make_form(slug=f"vorm-{tag}")
    Submission.objects.create(form=form, schema={"steps": []}, data={"opmerking": f"antwoord-{tag}"}, resident=resident)
    content = ContentFile(b"%PDF-1.4 " + tag.encode(), name=f"bewijs-{tag}.pdf")
    document = CheckedUpload(content, f"bewijs-{tag}.pdf", "application/pdf", content.size)
    case = case_create(case_type=CaseTypeFactory(name=f"Zaak {tag}"), resident=resident, documents=[document])
    message = message_send(resident=resident, subject=f"Bericht {tag}", body="Tekst")
    Attachment.objects.create(
        message=message,
        file=ContentFile(b"bijlage", name=f"{tag}.txt"),
        name=f"bijlage-{tag}.txt",
        content_type="text/plain",
        size=7,
    )
    desk = DeskFactory()
    start = timezone.now() + timedelta(days=7)
    booking = Booking.objects.create(
        persons=1,
        location=desk.location,
        resource=desk,
        starts_at=start,
        ends_at=start + timedelta(minutes=10),
        resident=resident,
        name=f"Naam {tag}",
        email=f"afspraak-{tag}@example.org",
    )
    booking.products.add(ProductFactory())
    ceremony = CeremonyType.objects.create(
        name=f"Ceremonie {tag}", slug=f"ceremonie-{tag}", fee="100.00", duration_minutes=30
    )
    Wedding.objects.create(
        ceremony_type=ceremony,
        room=desk,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        guests=12,
        resident=resident,
        partner_bsn_digest="b" * 64,
    )
    rule = NoticeRuleFactory(name=f"Regel {tag}")
    Notice.objects.create(
        rule=rule, resident_key=resident.bsn_digest, resident=resident, period=f"p-{tag}", channel="inbox"
    )
    NoticePreference.objects.create(
        resident=resident, category=NoticeCategoryFactory(name=f"Soort {tag}"), choice="off"
    )
    Payment.objects.create(
        purpose="form",
        purpose_id=tag,
        description=f"Leges {tag}",
        amount_cents=1710,
        resident=resident,
        provider="stand_in",
    )
    audit_lookup(resident=resident, registries=["BRP"], action="lookup_prefill", context=f"Formulier {tag}")
    return case.identification


@pytest.fixture
def residents(db, client, monkeypatch):
    testserver.install(monkeypatch)
    anne, bert = make_resident(), make_resident()
    cases = {"anne": _give_data(anne, "anne"), "bert": _give_data(bert, "bert")}
    login_resident(client, anne)
    return {"anne": anne, "bert": bert, "cases": cases}


def _request_and_build(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL)
    assert response.status_code == 302
    return DataExport.objects.get(resident__in=[response.wsgi_request.user])


def test_the_download_holds_every_kind_of_the_residents_data_and_nothing_of_anyone_else(
    client, residents, django_capture_on_commit_callbacks
):
    assert "Download maken" in client.get(URL).content.decode()
    export = _request_and_build(client, django_capture_on_commit_callbacks)
    assert export.state == DataExport.State.READY
    assert export.expires_at - export.ready_at == timedelta(days=7)
    page = client.get(URL).content.decode()
    assert "Uw download staat klaar" in page
    response = client.get(f"{URL}{export.uuid}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {f"{part}.json" for part in PARTS} | {"overzicht.pdf"} <= names
    everything = " ".join(archive.read(name).decode("utf-8", "replace") for name in names if name.endswith(".json"))
    for found in (
        "anne@example.org",
        "antwoord-anne",
        "Zaak anne",
        "Bericht anne",
        "afspraak-anne@example.org",
        "Ceremonie anne",
        "Regel anne",
        "Soort anne",
        "Leges anne",
        "Formulier anne",
        residents["cases"]["anne"],
    ):
        assert found in everything, found
    assert "bert" not in everything.lower(), "nothing of another resident"
    assert residents["cases"]["bert"] not in everything
    files = [name for name in names if not name.endswith((".json", ".pdf")) or name.startswith("zaken/")]
    assert any(name.startswith("zaken/") and name.endswith("bewijs-anne.pdf") for name in files)
    assert any(name.startswith("berichten/") and name.endswith("bijlage-anne.txt") for name in files)
    assert not any("bert" in name for name in names)
    gegevens = json.loads(archive.read("gegevens.json"))
    assert gegevens[0]["contact"]["e_mailadres"] == "anne@example.org"
    summary_pdf = archive.read("overzicht.pdf")
    assert_archival_and_accessible(summary_pdf)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(summary_pdf)).pages)
    assert "zaken.json" in text and residents["cases"]["anne"] in text and "Zaak anne" in text
    ready = Message.objects.get(resident=residents["anne"], subject="Uw gegevens staan klaar om te downloaden")
    assert ready.link_url == URL


def test_the_file_is_for_its_owner_only(client, residents, django_capture_on_commit_callbacks):
    export = _request_and_build(client, django_capture_on_commit_callbacks)
    other = Client()
    login_resident(other, residents["bert"])
    assert other.get(f"{URL}{export.uuid}/").status_code == 404
    assert Client().get(f"{URL}{export.uuid}/").status_code == 302, "anonymous: to the login"
    for garbage in ("123", "../../etc/passwd", "00000000-0000-0000-0000-000000000000"):
        assert client.get(f"{URL}{garbage}/").status_code == 404


def test_after_a_week_the_link_is_gone_and_the_purge_deletes_the_file(
    client, residents, django_capture_on_commit_callbacks
):
    export = _request_and_build(client, django_capture_on_commit_callbacks)
    stored = export.file.name
    assert private_storage().exists(stored)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"{URL}{export.uuid}/").status_code == 404
    assert "Uw download staat klaar" not in client.get(URL).content.decode()
    assert data_exports_purge() == 1
    assert not private_storage().exists(stored) and not DataExport.objects.exists()
    assert data_exports_purge() == 0, "a second run finds nothing"


def test_asking_again_within_the_hour_gives_the_same_download(client, residents, django_capture_on_commit_callbacks):
    first = _request_and_build(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL)
        client.post(URL)
    assert DataExport.objects.get() == first


def test_the_page_is_reached_from_mijn_gegevens_and_for_residents_only(client, residents):
    assert f'href="{URL}"' in client.get("/mijn/gegevens/").content.decode()
    response = Client().get(URL)
    assert response.status_code == 302 and URL not in response["Location"].split("?")[0]


def test_a_download_that_cannot_be_made_says_so_and_may_be_asked_again(
    client, residents, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("portal.profile.export.build_zip", broken)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL)  # the task fails (the queue logs why)
    assert DataExport.objects.get().state == DataExport.State.FAILED
    assert "Het maken van uw download is niet gelukt" in client.get(URL).content.decode()
    monkeypatch.undo()
    testserver.install(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL)
    assert DataExport.objects.filter(state=DataExport.State.READY).count() == 1
