"""'Klopt er iets niet?' beside the BRP data: a correction request becomes a case for the team that keeps the BRP."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.cases.models import Case, ContactMoment, Document
from tests.factories.cases import CaseTypeFactory, TeamFactory, make_resident
from tests.helpers import login_resident

URL = "/mijn/gegevens/correctie/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def correction_type(db):
    return CaseTypeFactory(name="Correctie BRP", team=TeamFactory(name="Burgerzaken"))


@pytest.fixture
def resident(client, db):
    resident = make_resident()
    login_resident(client, resident)
    return resident


def test_mijn_gegevens_links_to_it(client, resident, monkeypatch):
    from tests import testserver

    testserver.install(monkeypatch)
    assert f'href="{URL}"' in client.get("/mijn/gegevens/").content.decode()


def test_a_correction_with_a_document_becomes_a_case_for_the_brp_team(client, resident, correction_type):
    page = client.get(URL)
    assert page.status_code == 200 and "Welke gegevens kloppen niet?" in page.content.decode()
    response = client.post(
        URL,
        {
            "subject": "naam",
            "explanation": "  Mijn tweede voornaam is Maria, niet Marie.  ",
            "document": SimpleUploadedFile("akte.pdf", PDF, content_type="application/pdf"),
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == "/mijn/gegevens/"
    assert case.case_type == correction_type and case.resident == resident
    moment = ContactMoment.objects.get(case=case, kind=ContactMoment.Kind.ANSWER)
    assert moment.text == "Gegevens: Naam\nToelichting: Mijn tweede voornaam is Maria, niet Marie."
    assert [document.name for document in Document.objects.filter(case=case)] == ["akte.pdf"]
    assert case.identification in client.get("/mijn/zaken/").content.decode(), "the resident follows it in Mijn Loket"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Kies welke gegevens niet kloppen."),
        ({"subject": "naam", "explanation": "   "}, "Leg uit wat er niet klopt."),
        ({"subject": "bsn", "explanation": "x"}, "Kies een van de mogelijkheden."),
        ({"subject": "naam", "explanation": "x" * 2001}, "Gebruik hoogstens 2000 tekens."),
        ({"subject": "naam", "explanation": "ok", "document": ("virus.pdf", b"MZ\x90\x00" * 100)}, "Dit soort bestand"),
        ({"subject": "naam", "explanation": "ok", "document": ("leeg.pdf", b"")}, "Dit bestand is leeg."),
    ],
)
def test_wrong_input_is_answered_next_to_the_field_and_nothing_is_registered(
    client, resident, correction_type, data, message
):
    if "document" in data:
        name, content = data["document"]
        data = {**data, "document": SimpleUploadedFile(name, content, content_type="application/pdf")}
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert not Case.objects.exists()
    if data.get("explanation") == "ok":
        assert ">ok</textarea>" in html, "what was typed is kept"
    assert ("Kies het bewijsstuk opnieuw" in html) == ("document" in data), "said only when a file was sent"


def test_script_in_the_explanation_is_kept_as_text(client, resident, correction_type):
    client.post(URL, {"subject": "anders", "explanation": "<script>alert(1)</script>"})
    case = Case.objects.get()
    assert "<script>alert(1)</script>" in ContactMoment.objects.get(case=case, kind="answer").text
    page = client.get(f"/mijn/zaken/{case.uuid}/").content.decode()
    assert "<script>alert(1)</script>" not in page


def test_without_a_configured_case_type_the_page_says_where_to_go_and_accepts_nothing(client, resident, settings):
    settings.LOKET_BRP_CORRECTION_CASE_TYPE = "Bestaat niet"
    page = client.get(URL).content.decode()
    assert "Dit kunt u nu niet online doorgeven" in page and '<form method="post" enctype' not in page
    assert client.post(URL, {"subject": "naam", "explanation": "x"}).status_code == 400
    assert not Case.objects.exists()


def test_only_a_logged_in_resident(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_staff_read_it_in_dutch_when_the_resident_wrote_in_english(client, resident, correction_type, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(URL).content.decode()
    assert "Which details are wrong?" in page
    client.post(URL, {"subject": "geboorte", "explanation": "I was born in Utrecht."})
    text = ContactMoment.objects.get(kind=ContactMoment.Kind.ANSWER).text
    assert text == "Gegevens: Geboortedatum of geboorteplaats\nToelichting: I was born in Utrecht."
