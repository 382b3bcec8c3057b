"""Forms in English (issue 22): a resident reads a form in the language they chose, answers it with the same values
as in Dutch, and gets the receipt and mail in that language; editors translate a form side by side; staff read
every submission against the Dutch form."""

import io

import pytest
from pypdf import PdfReader

from forms_engine import demo
from forms_engine.models import FormTranslation, Submission
from forms_engine.receipt import answer_rows, render_receipt
from tests.cms.test_languages import DUTCH, _dutch_outside_lang_nl, _texts
from tests.forms_engine.helpers import FormSession
from tests.forms_engine.test_wizard import PDF, _file, _new_address, _step_one
from tests.side_by_side import fields_by_dutch, post_side_by_side

ENGLISH_URL = "/en/services/moving-house/apply/"
MOVING_DUTCH = DUTCH | {text for text in _texts(demo.MOVING) if len(text) > 3} - {"Postcode"}


def _translate_url(definition, language="en"):
    return f"/cms/formulieren/vertalen/{definition.pk}/{language}/"


def _moving_in_english(client):
    client.cookies["django_language"] = "en"
    form = FormSession(client, "verhuizing", url=ENGLISH_URL)
    pages = [form.start(), _step_one(form), _new_address(form, moving_along="nee")]
    pages.append(
        client.post(
            form.url,
            {
                f"{form.prefix}-current_step": "woning",
                "woning-woonsituatie": "Huurwoning",
                "woning-bewijs": _file("huurcontract.pdf", PDF),
            },
        )
    )
    assert FormSession.current_step(pages[-1]) == "controle"
    return form, pages


def test_the_moving_form_in_english_asks_in_english_and_registers_the_same_answers(
    client, jan, mailoutbox, django_capture_on_commit_callbacks
):
    form, pages = _moving_in_english(client)
    for page in pages:
        html = page.content.decode()
        assert '<html lang="en"' in html
        assert _dutch_outside_lang_nl(html, MOVING_DUTCH) == [], FormSession.current_step(page)
    first, woning, check = (page.content.decode() for page in (pages[0], pages[2], pages[3]))
    assert "Report a change of address" in first and "About you" in first and "Report your move within" in first
    assert 'value="Huurwoning"' in woning and "A rented home" in woning, "the value stays, the resident reads English"
    assert "<dd>A rented home</dd>" in check and "Proof of residence" in check
    with django_capture_on_commit_callbacks(execute=True):
        done = form.post("controle", {"declaration": "on"})
    assert done.status_code == 302
    submission = Submission.objects.get()
    assert submission.language == "en"
    assert submission.data["woonsituatie"] == "Huurwoning" and submission.data["meeverhuizers"] is False
    confirmation = client.get(done["Location"]).content.decode()
    assert "We will process your move within 5 working days." in confirmation

    # Staff read the answers against the Dutch form: Dutch questions, the Dutch answer.
    rows = {row["label"]: row["value"] for step in answer_rows(submission) for row in step["rows"]}
    assert rows["U gaat wonen in een"] == "Huurwoning" and "You are going to live in" not in rows

    # The receipt is the resident's: in English.
    pdf = render_receipt(submission, municipality="Gemeente Voorbeeldstad")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    for english in ("Receipt", "Report a change of address", "Proof of residence", "You are going to live in"):
        assert english in text, english
    assert "A rented home" in text and "Huurwoning" not in text
    [mail] = [mail for mail in mailoutbox if submission.reference in mail.subject]
    assert "Report a change of address" in mail.subject and "We will process your move" in mail.body


def test_the_same_answer_in_either_language_is_the_same_value(client, jan):
    """An English resident cannot send the English text as if it were a value: only the Dutch form's values count."""
    client.cookies["django_language"] = "en"
    form = FormSession(client, "verhuizing", url=ENGLISH_URL)
    form.start()
    _step_one(form)
    _new_address(form)
    refused = form.post("woning", {"woonsituatie": "A rented home", "bewijs": _file("huurcontract.pdf", PDF)})
    assert FormSession.current_step(refused) == "woning"
    assert "Choose one of the answers for ‘You are going to live in’." in refused.content.decode()


def test_an_error_about_a_question_without_english_marks_the_dutch_question(client, jan):
    row = FormTranslation.objects.get(form__slug="verhuizing", language="en")
    del row.texts["woonsituatie.label"]
    row.save()
    client.cookies["django_language"] = "en"
    form = FormSession(client, "verhuizing", url=ENGLISH_URL)
    form.start()
    _step_one(form)
    _new_address(form)
    refused = form.post("woning", {"bewijs": _file("huurcontract.pdf", PDF)}).content.decode()
    message = 'Choose an answer for ‘<span lang="nl">U gaat wonen in een</span>’.'
    assert refused.count(message) == 2, "in the summary and beside the question"
    assert _dutch_outside_lang_nl(refused, MOVING_DUTCH) == []


def test_an_editors_pattern_message_without_english_is_marked_dutch():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from forms_engine.fields import build_field
    from portal.core.translations import Text

    spec = {"type": "text", "key": "kenteken", "label": Text("Licence plate", "en"), "regex": "^[A-Z0-9-]+$"}
    spec["regex_message"] = Text("Schrijf het kenteken als <AB-12-CD>.", "nl")
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            build_field(spec, required=True).clean("ab 12")
        assert refused.value.messages == ['<span lang="nl">Schrijf het kenteken als &lt;AB-12-CD&gt;.</span>']
        spec["regex_message"] = Text("Write it as AB-12-CD.", "en")
        with pytest.raises(ValidationError) as refused:
            build_field(spec, required=True).clean("ab 12")
        assert refused.value.messages == ["Write it as AB-12-CD."]


def test_without_an_english_version_the_dutch_texts_are_shown_marked_as_dutch(client, jan):
    """Until the form has an English version, an English reader fills in its Dutch questions, each marked
    lang="nl" (WCAG 3.1.2); the interface around them is English and the answers are the same values."""
    FormTranslation.objects.filter(form__slug="verhuizing").delete()
    form, pages = _moving_in_english(client)
    for page in pages:
        assert _dutch_outside_lang_nl(page.content.decode(), MOVING_DUTCH) == [], FormSession.current_step(page)
    assert 'lang="nl">Verhuizing doorgeven</span>' in pages[0].content.decode(), "the form's name, marked"
    assert '<span lang="nl">Huurwoning</span>' in pages[2].content.decode(), "an option, marked"
    assert '<dd lang="nl">Huurwoning</dd>' in pages[3].content.decode(), "the chosen option, marked"
    assert form.post("controle", {"declaration": "on"}).status_code == 302
    assert Submission.objects.get().data["woonsituatie"] == "Huurwoning"


def test_a_partly_translated_form_marks_only_what_is_still_dutch(client, jan):
    row = FormTranslation.objects.get(form__slug="verhuizing", language="en")
    del row.texts["verhuisdatum.help_text"], row.texts["woonsituatie.option.Koopwoning"]
    row.save()
    _form, pages = _moving_in_english(client)
    address, woning = pages[1].content.decode(), pages[2].content.decode()
    assert '<span lang="nl">Bijvoorbeeld 1 12 2026.</span>' in address and "Moving date" in address
    assert '<span lang="nl">Koopwoning</span>' in woning
    assert '<span lang="nl">A rented home</span>' not in woning and "A rented home" in woning


def test_a_saved_translation_is_read_at_once_by_a_form_already_being_filled_in(client, jan):
    client.cookies["django_language"] = "en"
    form = FormSession(client, "verhuizing", url=ENGLISH_URL)
    assert "About you" in form.start().content.decode()
    row = FormTranslation.objects.get(form__slug="verhuizing", language="en")
    row.texts["over_u.title"] = "Your details"
    row.save()
    again = client.get(ENGLISH_URL).content.decode()
    assert "Your details" in again and "About you" not in again


# -- editors: translating side by side ------------------------------------------------------------------------------


def _post_all(editor_client, definition, page, changes: dict[str, str]):
    return post_side_by_side(editor_client, _translate_url(definition), page, changes)


def test_an_editor_translates_a_form_beside_its_dutch_texts(editor_client, demo_site):
    from forms_engine.models import FormDefinition

    definition = FormDefinition.objects.get(slug="verhuizing")
    FormTranslation.objects.filter(form=definition).delete()
    page = editor_client.get(_translate_url(definition)).content.decode()
    boxes = fields_by_dutch(page)
    for dutch in ("Verhuizing doorgeven", "Uw nieuwe adres", "Bijvoorbeeld 1 12 2026.", "Huurwoning", "Bij iemand in"):
        assert dutch in boxes, dutch
    assert f"Nog {len(boxes)} teksten zonder vertaling" in page
    saved = _post_all(
        editor_client, definition, page, {"Verhuizing doorgeven": "Moving house", "Huurwoning": "A rented home"}
    )
    assert saved.status_code == 302
    row = FormTranslation.objects.get(form=definition, language="en")
    assert row.name == "Moving house" and row.texts == {"woonsituatie.option.Huurwoning": "A rented home"}
    assert row.sources == {"woonsituatie.option.Huurwoning": "Huurwoning"}
    again = editor_client.get(_translate_url(definition)).content.decode()
    assert f"Nog {len(boxes) - 2} teksten zonder vertaling" in again
    assert 'value="A rented home"' in again


def test_the_editor_sees_a_translation_the_dutch_text_has_outgrown(editor_client, demo_site):
    from forms_engine.models import FormDefinition

    definition = FormDefinition.objects.get(slug="verhuizing")
    row = FormTranslation.objects.get(form=definition, language="en")
    row.sources["verhuisdatum.help_text"] = "Bijvoorbeeld 1 1 2025."  # the Dutch said this when it was translated
    row.save()
    page = editor_client.get(_translate_url(definition)).content.decode()
    assert "1 vertaling van een Nederlandse tekst die sindsdien veranderde" in page
    assert "Bijvoorbeeld 1 1 2025." in page and "De Nederlandse tekst veranderde sinds deze vertaling" in page


def test_a_translation_too_long_is_refused_and_nothing_typed_is_lost(editor_client, demo_site):
    from forms_engine.models import FormDefinition

    definition = FormDefinition.objects.get(slug="verhuizing")
    page = editor_client.get(_translate_url(definition)).content.decode()
    refused = _post_all(editor_client, definition, page, {"Nieuw adres": "x" * 201, "Huurwoning": "Rented"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Niet opgeslagen" in html and "x" * 201 in html and 'value="Rented"' in html
    assert FormTranslation.objects.get(form=definition).texts["woonsituatie.option.Huurwoning"] == "A rented home"


def test_markup_in_a_translation_reaches_residents_as_text(client, jan):
    row = FormTranslation.objects.get(form__slug="verhuizing", language="en")
    row.texts["over_u.title"] = '<script>alert("x")</script>'
    row.save()
    client.cookies["django_language"] = "en"
    html = FormSession(client, "verhuizing", url=ENGLISH_URL).start().content.decode()
    assert '<script>alert("x")</script>' not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("language", ["nl", "de", "xx"])
def test_only_the_sites_other_languages_can_be_translated_into(editor_client, demo_site, language):
    from forms_engine.models import FormDefinition

    definition = FormDefinition.objects.get(slug="verhuizing")
    assert editor_client.get(_translate_url(definition, language)).status_code == 404


def test_an_unknown_form_is_not_found(editor_client, demo_site):
    assert editor_client.get("/cms/formulieren/vertalen/999999/en/").status_code == 404


def test_staff_who_may_not_edit_forms_cannot_translate_them(client, demo_site):
    from forms_engine.models import FormDefinition
    from tests.cases.test_backoffice import _staff_client

    _staff_client(client)
    definition = FormDefinition.objects.get(slug="verhuizing")
    # Wagtail's answer to a refused admin page: back to the dashboard, with a message.
    assert client.get(_translate_url(definition))["Location"] == "/cms/"
    assert client.post(_translate_url(definition), {"t0": "Hijacked"})["Location"] == "/cms/"
    assert FormTranslation.objects.get(form=definition).name == "Report a change of address"


def test_the_form_editor_and_listing_lead_to_translating(editor_client, demo_site):
    from forms_engine.models import FormDefinition

    definition = FormDefinition.objects.get(slug="verhuizing")
    listing = editor_client.get("/cms/snippets/forms_engine/formdefinition/").content.decode()
    edit = editor_client.get(f"/cms/snippets/forms_engine/formdefinition/edit/{definition.pk}/").content.decode()
    for page in (listing, edit):
        assert _translate_url(definition) in page and "Vertalen: English" in page


def test_mijn_loket_in_english_names_drafts_and_sent_requests_in_english_or_marked_dutch(
    client, jan, django_assert_max_num_queries
):
    from forms_engine.models import FormDefinition
    from tests.appointments.test_languages import _marked

    extract = FormDefinition.objects.get(slug="uittreksel-brp")
    FormTranslation.objects.filter(form=extract).delete()
    Submission.objects.create(form=extract, schema={"steps": []}, data={}, resident=jan, language="nl")
    moving = FormSession(client, "verhuizing")
    moving.start()
    _step_one(moving)  # a draft, begun in Dutch
    client.cookies["django_language"] = "en"
    client.get("/mijn/")  # the frame and the caches built once
    # 11 in Dutch; in English one query per kind of text shown: forms, case types and statuses (Jan's cases)
    with django_assert_max_num_queries(14):
        html = client.get("/mijn/").content.decode()
    assert "Finish your request: Report a change of address" in html
    assert set(_marked(html, "Uittreksel BRP aanvragen")) == {"nl"}
    assert "Verhuizing doorgeven" not in html


@pytest.mark.parametrize("translated", [True, False])
def test_a_list_to_choose_from_names_its_answers_in_english_or_marks_the_option_dutch(client, jan, translated):
    if not translated:
        FormTranslation.objects.filter(form__slug="uittreksel-brp").delete()
    client.cookies["django_language"] = "en"
    html = FormSession(client, "uittreksel-brp", url="/en/services/brp-extract/apply/").start().content.decode()
    if translated:
        assert '<option value="Met adreshistorie">With address history</option>' in html
    else:
        assert '<option value="Met adreshistorie" lang="nl">Met adreshistorie</option>' in html
    assert '<option value="" selected>Make a choice</option>' in html, "the interface's own text, not marked"
