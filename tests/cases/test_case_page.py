"""The case handler's page: who it is for, what was submitted (as on the receipt), the documents to download,
the state as the list shows it, and the actions grouped in tabs. Every look is audit-logged."""

import re

import pytest
from django.core.files.base import ContentFile

from auth.services import resident_get_or_create
from forms_engine.demo import field, step
from forms_engine.models import Submission, Upload
from portal.cases.models import InformationRequest
from portal.cases.services import case_add_internal_note, case_create
from portal.core.models import AccessLogEntry
from tests.factories.cases import CaseTypeFactory, TeamFactory
from tests.factories.forms import make_form
from tests.factories.users import UserFactory
from tests.helpers import login_staff


@pytest.fixture
def sent(db, monkeypatch):
    """Jan de Vries (in the BRP stand-in) sent a form with an attachment; it became a case of team Burgerzaken."""
    from portal.registries.stand_in.demo import load_personas
    from tests import testserver

    load_personas()
    testserver.install(monkeypatch)
    team = TeamFactory(name="Burgerzaken")
    case_type = CaseTypeFactory(name="Verhuizing", team=team)
    form = make_form(
        slug="verhuizen",
        name="Verhuizing doorgeven",
        steps=[
            step(
                "adres",
                "Uw nieuwe adres",
                [field("text", "straat", "Straat"), field("file", "bewijs", "Huurcontract", file_types=["pdf"])],
            )
        ],
    )
    resident = resident_get_or_create(bsn="999900006")
    submission = Submission.objects.create(
        form=form, schema=form.build_schema(), data={"straat": "Kerkstraat 4"}, resident=resident
    )
    Upload.objects.create(
        submission=submission,
        field_key="bewijs",
        file=ContentFile(b"%PDF-1.7\n%%EOF\n", name="huur.pdf"),
        name="huur.pdf",
        content_type="application/pdf",
        size=15,
    )
    case = case_create(
        case_type=case_type,
        resident=resident,
        submission_uuid=submission.uuid,
        submission_reference=submission.reference,
    )
    handler = UserFactory(is_staff=True, first_name="Mila", last_name="Kok")
    handler.user_permissions.add(_access_admin())
    team.members.add(handler)
    return {"case": case, "submission": submission, "handler": handler, "team": team}


def _handler_of_another_team():
    other = UserFactory(is_staff=True)
    other.user_permissions.add(_access_admin())
    team = TeamFactory(name="Werk en inkomen")
    team.members.add(other)
    CaseTypeFactory(name="Bijzondere bijstand", team=team)
    return other


def _access_admin():
    from django.contrib.auth.models import Permission

    return Permission.objects.get(codename="access_admin")


def test_the_case_page_shows_who_it_is_for_and_what_was_submitted(client, sent):
    login_staff(client, sent["handler"])
    case = sent["case"]
    page = client.get(f"/cms/zaken/{case.uuid}/").content.decode()
    assert "Jan Willem de Vries" in page, "the name from the BRP"
    assert "999900006" not in page, "never the BSN"
    assert "Uw nieuwe adres" in page and "Kerkstraat 4" in page and "huur.pdf" in page
    assert sent["submission"].reference in page
    tabs = re.findall(r'id="tab-label-([a-z]+)"[^>]*>\s*([^<]+?)\s*<', page)
    assert tabs == [
        ("verloop", "Verloop"),
        ("aanvraag", "Aanvraag"),
        ("documenten", "Documenten"),
        ("behandelen", "Behandelen"),
    ]
    assert page.count('role="tabpanel"') == 4
    logged = set(AccessLogEntry.objects.filter(user=sent["handler"]).values_list("action", "object_id"))
    assert logged == {("view_case", str(case.uuid)), ("view_submission", str(sent["submission"].uuid))}


def test_another_team_sees_neither_the_case_nor_its_submission(client, sent):
    login_staff(client, _handler_of_another_team())
    assert client.get(f"/cms/zaken/{sent['case'].uuid}/").status_code == 404
    assert not AccessLogEntry.objects.filter(action="view_submission").exists()


def test_staff_download_a_document_of_their_own_case_and_it_is_logged(client, sent):
    from portal.cases.services import case_add_documents
    from portal.core.uploads import CheckedUpload

    case = sent["case"]
    case_add_documents(
        case=case,
        by=None,
        files=[
            CheckedUpload(ContentFile(b"%PDF-1.7\n%%EOF\n", name="besluit.pdf"), "besluit.pdf", "application/pdf", 15)
        ],
    )
    document = case.documents.get()
    login_staff(client, sent["handler"])
    response = client.get(f"/cms/zaken/{case.uuid}/documenten/{document.uuid}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert 'attachment; filename="besluit.pdf"' in response["Content-Disposition"]
    assert AccessLogEntry.objects.filter(action="download_document", object_id=str(document.uuid)).exists()
    assert client.get(f"/cms/zaken/{case.uuid}/documenten/{case.uuid}/").status_code == 404, "not this case's"

    login_staff(client, _handler_of_another_team())
    assert client.get(f"/cms/zaken/{case.uuid}/documenten/{document.uuid}/").status_code == 404


def test_the_page_says_wait_for_the_resident_as_the_list_does_and_names_staff_alike(client, sent):
    from datetime import timedelta

    from django.utils import timezone

    case = sent["case"]
    InformationRequest.objects.create(
        case=case, question="Stuur uw huurcontract", deadline=timezone.localdate() + timedelta(days=5)
    )
    case_add_internal_note(case=case, by=sent["handler"], text="Gebeld met verhuurder")
    login_staff(client, sent["handler"])
    listing = client.get("/cms/zaken/").content.decode()
    page = client.get(f"/cms/zaken/{case.uuid}/").content.decode()
    assert "wacht op inwoner" in listing and "wacht op inwoner" in page
    assert "Mila Kok" in page and sent["handler"].username not in page, "the full name, as everywhere"
