import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from portal.cases.models import Document
from portal.cases.services import case_create, information_request_create
from portal.inbox.models import Message
from tests.factories.cases import CaseTypeFactory, make_resident
from tests.factories.users import EditorFactory
from tests.helpers import login_resident

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {2: (52.0, 5.0, 0.0)}  # GPS info
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


@pytest.fixture
def asked(db):
    resident = make_resident()
    case = case_create(case_type=CaseTypeFactory(name="Bijzondere bijstand"), resident=resident)
    info_request = information_request_create(
        case=case,
        question="Stuur uw laatste loonstrook.",
        deadline=timezone.localdate() + timedelta(days=10),
        by=EditorFactory(),
    )
    return resident, case, info_request


def _answer_url(case, info_request):
    return f"/mijn/zaken/{case.uuid}/vragen/{info_request.uuid}/"


def _post(client, case, info_request, answer="", files=()):
    prefix = str(info_request.pk)
    return client.post(_answer_url(case, info_request), {f"{prefix}-answer": answer, f"{prefix}-files": list(files)})


def test_the_resident_is_told_and_sees_that_the_case_waits_for_them(client, asked):
    resident, case, _info_request = asked
    assert Message.objects.filter(resident=resident, case=case).exists()
    login_resident(client, resident)
    overview = client.get("/mijn/").content.decode()
    assert "Beantwoord onze vraag over Bijzondere bijstand" in overview
    assert "wacht op u" in overview
    assert "Stuur uw laatste loonstrook." in client.get(case.get_absolute_url()).content.decode()


def test_an_answer_with_files_is_stored_with_exif_removed(client, asked):
    resident, case, info_request = asked
    login_resident(client, resident)
    photo = SimpleUploadedFile("../../etc/passwd<script>.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    pdf = SimpleUploadedFile("loonstrook.pdf", PDF, content_type="application/pdf")
    response = _post(client, case, info_request, "Hierbij de loonstrook.", [photo, pdf])
    assert response.status_code == 302
    info_request.refresh_from_db()
    assert info_request.answer == "Hierbij de loonstrook."
    documents = list(Document.objects.filter(case=case).order_by("pk"))
    assert [d.content_type for d in documents] == ["image/jpeg", "application/pdf"]
    assert documents[0].name == "passwd_script.jpg"
    with documents[0].file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
    assert "no-store" in client.get(f"/mijn/zaken/{case.uuid}/documenten/{documents[1].uuid}/")["Cache-Control"]
    assert "wacht op u" not in client.get("/mijn/").content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rapport.pdf", b"MZ\x90\x00 this is an executable", "Dit soort bestand kunnen we niet aannemen"),
        ("foto.jpg", b"<html><script>alert(1)</script></html>", "Dit soort bestand kunnen we niet aannemen"),
        ("leeg.pdf", b"", "bestand is leeg"),
        ("groot.pdf", b"%PDF-1.7" + b"0" * (10 * 1024 * 1024), "Dit bestand is te groot"),
    ],
)
def test_a_bad_file_is_refused_clearly_and_the_text_is_kept(client, asked, name, content, message):
    resident, case, info_request = asked
    login_resident(client, resident)
    response = _post(client, case, info_request, "Mijn toelichting blijft staan.", [SimpleUploadedFile(name, content)])
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Mijn toelichting blijft staan." in html
    assert "Kies de bestanden opnieuw" in html
    info_request.refresh_from_db()
    assert info_request.answered_at is None
    assert not Document.objects.filter(case=case).exists()


def test_too_many_files_are_refused(client, asked):
    resident, case, info_request = asked
    login_resident(client, resident)
    files = [SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(6)]
    response = _post(client, case, info_request, "", files)
    assert response.status_code == 400
    assert "hoogstens 5 bestanden" in response.content.decode()


def test_an_empty_answer_is_refused(client, asked):
    resident, case, info_request = asked
    login_resident(client, resident)
    response = _post(client, case, info_request, "   ")
    assert response.status_code == 400
    assert "Schrijf een antwoord of voeg een bestand toe." in response.content.decode()


def test_answering_twice_or_someone_elses_question_is_not_possible(client, asked):
    resident, case, info_request = asked
    login_resident(client, make_resident())
    assert _post(client, case, info_request, "Ik ben iemand anders.").status_code == 404
    login_resident(client, resident)
    assert _post(client, case, info_request, "Eerste keer.").status_code == 302
    assert _post(client, case, info_request, "Tweede keer.").status_code == 404
    info_request.refresh_from_db()
    assert info_request.answer == "Eerste keer."


def test_another_residents_document_is_not_found(client, asked):
    resident, case, info_request = asked
    login_resident(client, resident)
    _post(client, case, info_request, "", [SimpleUploadedFile("a.pdf", PDF)])
    document = Document.objects.get(case=case)
    login_resident(client, make_resident())
    assert client.get(f"/mijn/zaken/{case.uuid}/documenten/{document.uuid}/").status_code == 404


def test_a_resident_asks_a_question_about_their_case_and_staff_see_it(client, asked):
    from portal.cases.models import ContactMoment

    resident, case, _info_request = asked
    login_resident(client, resident)
    empty = client.post(f"/mijn/zaken/{case.uuid}/vraag/", {"question": "  "})
    assert empty.status_code == 400
    response = client.post(f"/mijn/zaken/{case.uuid}/vraag/", {"question": "Wanneer hoor ik iets?"})
    assert response.status_code == 302
    moment = ContactMoment.objects.get(case=case, kind="question_from_resident")
    assert moment.text == "Wanneer hoor ik iets?"
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Vraag van u ontvangen: Wanneer hoor ik iets?" in page
    assert "Aanvraag ontvangen" in page
    login_resident(client, make_resident())
    assert client.post(f"/mijn/zaken/{case.uuid}/vraag/", {"question": "Inbraak"}).status_code == 404


def test_residents_add_documents_when_the_case_type_allows_it(client, asked):
    resident, case, _info_request = asked
    login_resident(client, resident)
    url = f"/mijn/zaken/{case.uuid}/documenten/"
    assert client.post(url, {"documenten-files": []}).status_code == 400
    response = client.post(url, {"documenten-files": [SimpleUploadedFile("bewijs.pdf", PDF)]})
    assert response.status_code == 302
    assert Document.objects.get(case=case).from_resident
    case.case_type.residents_may_add_documents = False
    case.case_type.save()
    assert "Documenten toevoegen" not in client.get(case.get_absolute_url()).content.decode()
    assert client.post(url, {"documenten-files": [SimpleUploadedFile("nog-een.pdf", PDF)]}).status_code == 404
    login_resident(client, make_resident())
    assert client.post(url, {"documenten-files": [SimpleUploadedFile("x.pdf", PDF)]}).status_code == 404


@pytest.mark.parametrize(
    ("language", "subject", "month"),
    [("en", "We have a question about your request", "March"), ("", "Wij hebben een vraag over uw aanvraag", "maart")],
)
def test_the_question_s_message_is_in_the_resident_s_language(db, language, subject, month):
    """The case handler works in Dutch; the resident reads the message in their account's language."""
    from datetime import date

    from django.utils import translation

    resident = make_resident()
    resident.language = language
    resident.save(update_fields=["language"])
    case = case_create(case_type=CaseTypeFactory(name="Bijzondere bijstand"), resident=resident)
    with translation.override("nl"):
        information_request_create(
            case=case, question="Stuur uw loonstrook.", deadline=date(2027, 3, 1), by=EditorFactory()
        )
        assert translation.get_language() == "nl"
    message = Message.objects.get(resident=resident, case=case)
    assert message.subject == subject
    assert f"1 {month} 2027" in message.body
