"""Every field type against wrong, empty, huge and malicious input: a clear error next to the field, the other
answers kept, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from auth.services import resident_get_or_create
from forms_engine.models import Submission, Upload
from tests import testserver
from tests.factories.forms import VALID_ANSWERS, make_form
from tests.forms_engine.helpers import FormSession
from tests.helpers import login_resident

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def form(client, demo_site, monkeypatch):
    testserver.install(monkeypatch)
    login_resident(client, resident_get_or_create(bsn="999900006"))
    make_form()
    session = FormSession(client, "alle-vragen")
    session.start()
    return session


def _post(form, changes, files=None):
    data = {**VALID_ANSWERS, **changes}
    data = {key: value for key, value in data.items() if value is not None}
    payload = {f"alles-{key}": value for key, value in data.items()}
    payload[f"{form.prefix}-current_step"] = "alles"
    for key, value in (files or {"bestand": [SimpleUploadedFile("a.pdf", PDF)]}).items():
        payload[f"alles-{key}"] = value
    return form.client.post(form.url, payload)


def test_valid_answers_of_every_type_are_stored_as_json(form):
    response = _post(form, {})
    assert FormSession.current_step(response) == "controle", response.content.decode()[:3000]
    check = response.content.decode()
    for shown in (
        "€ 1.250,50",
        "17 maart 1985",
        "06 12345678",
        "Molenweg 1, 1235 AC Voorbeeldstad",
        "NL91 ABNA 0417 1643 00",
        "Ja",
        "a.pdf",
    ):
        assert shown in check, shown
    form.post("controle", {"declaration": "on"})
    data = Submission.objects.get().data
    assert data["bedrag"] == "1250.50" and data["getal"] == 12 and data["datum"] == "1985-03-17"
    assert data["telefoon"] == "+31612345678" and data["iban"] == "NL91ABNA0417164300"
    assert data["adres"]["straat"] == "Molenweg" and data["adres"]["woonplaats"] == "Voorbeeldstad"
    assert data["vinkjes"] == ["Rood"] and data["janee"] is True


BAD = [
    ("tekst", "", "Vul ‘Tekst’ in."),
    ("tekst", "x" * 21, "niet meer dan 20 tekens"),
    ("tekst", "<script>alert(1)</script>", "Alleen letters."),
    ("lang", "x" * 501, "niet meer dan 500 tekens"),
    ("getal", "twaalf", "Voer een getal in"),
    ("getal", "100", "hoogstens 99"),
    ("getal", "1e400", "hoogstens 99"),
    ("bedrag", "-5", "minstens 0"),
    ("bedrag", "12,345", "2 cijfers achter de komma"),
    ("datum_0", "31", None),  # 31 March 1985 exists: fine, checked next with February
    ("datum_1", "13", "Deze datum bestaat niet"),
    ("datum_2", "85", "dag, maand en jaar"),
    ("datum_2", "2999", "niet in de toekomst"),
    ("email", "geen-adres", "geldig e-mailadres"),
    ("telefoon", "12", "geldig telefoonnummer"),
    ("adres_0", "0000 AA", "postcode"),
    ("adres_1", "99999", "geen adres"),
    ("adres_1", "1" * 10_000, "niet meer dan 10 tekens"),
    ("iban", "NL91ABNA0417164301", "geen geldig IBAN"),
    ("bsn", "123456789", "elfproef"),
    ("keuze", "Drie", "Kies een van de antwoorden bij ‘Keuze’"),
    ("vinkjes", ["Blauw"], "Kies een van de antwoorden bij ‘Vinkjes’"),
    ("lijst", "<b>C</b>", "Kies een van de antwoorden bij ‘Lijst’"),
    ("janee", "misschien", "Kies een van de antwoorden bij ‘Ja of nee’"),
]


@pytest.mark.parametrize(("key", "value", "message"), BAD, ids=[f"{k}-{i}" for i, (k, _v, _m) in enumerate(BAD)])
def test_bad_input_gets_an_error_at_the_field_and_keeps_the_rest(form, key, value, message):
    response = _post(form, {key: value})
    html = response.content.decode()
    if message is None:
        assert FormSession.current_step(response) == "controle"
        return
    assert response.status_code == 200
    assert FormSession.current_step(response) == "alles", "the resident stays on the step"
    assert message.lower() in html.lower(), html[html.find("Er is een probleem") :][:800]
    assert "Er is een probleem" in html
    assert "<script>alert(1)</script>" not in html
    if key != "email":
        assert 'value="jan@example.org"' in html, "the other answers are kept"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"bestand": [SimpleUploadedFile("foto.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)]}, "geen geldige afbeelding"),
        ({"bestand": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"0" * 100)]}, "Dit soort bestand"),
        ({"bestand": [SimpleUploadedFile("groot.pdf", PDF + b"0" * (1024 * 1024))]}, "te groot"),
        ({"bestand": [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(3)]}, "hoogstens 2"),
        ({"bestand": [SimpleUploadedFile("leeg.pdf", b"")]}, "leeg"),
        ({}, "Voeg een bestand toe"),
    ],
)
def test_bad_files_are_refused(form, files, message):
    response = _post(form, {}, files=files or {"bestand": []})
    html = response.content.decode()
    assert FormSession.current_step(response) == "alles"
    assert message.lower() in html.lower()
    assert not Upload.objects.exists()


def test_ten_megabytes_of_text_is_refused_with_a_clear_page_and_earlier_answers_kept(form):
    _post(form, {})  # a complete step, stored
    response = _post(form, {"lang": "x" * 10_000_000})
    assert response.status_code == 400
    assert "te groot" in response.content.decode()
    back = form.client.get(form.url + "?stap=alles")
    assert 'value="jan@example.org"' in back.content.decode()


def test_a_file_with_a_dangerous_name_is_stored_under_a_harmless_one(form):
    _post(form, {}, files={"bestand": [SimpleUploadedFile("../../etc/<script>.pdf", PDF)]})
    upload = Upload.objects.get()
    assert upload.name == "script.pdf"
    assert ".." not in upload.file.name and "<" not in upload.file.name


def test_an_answer_stored_in_an_odd_shape_still_reads_back():
    from forms_engine.fields import display

    assert display({"type": "currency"}, "1.250,50") == "1.250,50"
    assert display({"type": "date"}, "geen datum") == "geen datum"
    assert display({"type": "file"}, ["los"]) == "['los']"
