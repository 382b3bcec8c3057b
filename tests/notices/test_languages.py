"""Notice categories in English (issue 22): a resident choosing which messages they want reads each category's
name and explanation in English where it has them, and in Dutch marked lang="nl" where not; staff keep the English
beside the Dutch in the category's own screen."""

import io

import pytest
from django.conf import settings
from django.utils import translation

from portal.inbox.models import Message
from portal.notices.models import (
    Notice,
    NoticeCategory,
    NoticeCategoryTranslation,
    NoticePreference,
    NoticeRule,
    NoticeRuleTranslation,
)
from portal.notices.runner import render_text
from tests.appointments.test_languages import _marked
from tests.cms.test_languages import DUTCH, _dutch_outside_lang_nl, _soup, edit_form_data, refuses_bad_translation_rows
from tests.factories.cases import make_resident
from tests.factories.notices import NoticeCategoryFactory
from tests.helpers import login_resident
from tests.notices.conftest import passport_holder, run


@pytest.fixture
def categories(db):
    travel = NoticeCategoryFactory(name="Reisdocumenten", description="Als uw paspoort bijna verloopt.", order=1)
    NoticeCategoryTranslation.objects.create(
        category=travel, language="en", name="Travel documents", description="When your passport is about to expire."
    )
    works = NoticeCategoryFactory(name="Werkzaamheden in uw buurt", description="Werk aan de weg.", order=2)
    return travel, works


def test_the_choices_in_english_name_each_category_in_english_or_marked_dutch(
    client, categories, django_assert_max_num_queries
):
    travel, works = categories
    resident = make_resident()
    login_resident(client, resident)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.get("/mijn/voormeldingen/")
    with django_assert_max_num_queries(12):
        response = client.get("/mijn/voormeldingen/")
    html = response.content.decode()
    assert _soup(response).html["lang"] == "en"
    assert "Travel documents" in html and "When your passport is about to expire." in html
    assert set(_marked(html, "Werkzaamheden in uw buurt")) == {"nl"}
    assert set(_marked(html, "Werk aan de weg.")) == {"nl"}
    dutch = DUTCH | {travel.name, travel.description, works.name, works.description}
    assert _dutch_outside_lang_nl(html, dutch) == []

    # The choice made in English is the same choice: per category, not per name.
    data = {f"category_{travel.pk}": "off", f"category_{works.pk}": "inbox"}
    assert client.post("/mijn/voormeldingen/", data).status_code == 302
    assert NoticePreference.objects.get(resident=resident, category=travel).choice == "off"


def test_the_choices_in_dutch_stay_as_they_were(client, categories):
    login_resident(client, make_resident())
    html = client.get("/mijn/voormeldingen/").content.decode()
    assert "Reisdocumenten" in html and "Travel documents" not in html
    assert 'lang="nl"' not in html.split("<body", 1)[1]


def test_notice_staff_keep_a_category_s_english_beside_the_dutch_and_bad_input_is_refused(editor_client, categories):
    travel, _works = categories
    url = f"/cms/snippets/notices/noticecategory/edit/{travel.pk}/"
    data = edit_form_data(editor_client, url)
    assert data["translations-0-language"] == "en"
    data["translations-0-name"] = "Passports and ID cards"
    assert editor_client.post(url, data).status_code == 302
    assert NoticeCategory.objects.get(pk=travel.pk).translations.get().name == "Passports and ID cards"

    translations = travel.translations.all()
    refuses_bad_translation_rows(editor_client, url, data, translations, field="name", empty=("description",))
    assert editor_client.get("/cms/snippets/notices/noticecategory/add/").status_code == 200


def test_the_demo_ships_every_notice_category_in_english(demo_site):
    from django.utils import translation

    from portal.notices.demo import load_demo_notices

    load_demo_notices()  # idempotent
    with translation.override("en"):
        texts = [category.text for category in NoticeCategory.objects.all()]
    assert texts and all(text.name.lang == "en" and text.description.lang == "en" for text in texts)
    assert NoticeCategoryTranslation.objects.count() == NoticeCategory.objects.count()
    with translation.override("en"):
        rules = [rule.text for rule in NoticeRule.objects.all()]
    assert rules and all(text.subject.lang == text.body.lang == "en" for text in rules), "and every rule's message"
    for rule in NoticeRule.objects.prefetch_related("translations"):
        rule.translations.get().full_clean()  # each English text uses only its rule's placeholders


def _pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _english_text(rule):
    return NoticeRuleTranslation.objects.create(
        rule=rule,
        language="en",
        subject="Your {document} expires on {vervaldatum}",
        body="Dear {naam}, your {document} expires on {vervaldatum}.",
        link_text="Make an appointment",
    )


def _speaks_english(resident):
    resident.language = "en"
    resident.save(update_fields=["language"])
    return resident


def test_a_notice_is_written_in_each_resident_s_language_its_date_and_document_too(passport_rule):
    _english_text(passport_rule)
    english = _speaks_english(passport_holder(expires_in=40))
    dutch = passport_holder(expires_in=40)
    run()
    [message] = Message.objects.filter(resident=english)
    assert message.subject == "Your passport expires on 2 January 2027"
    assert message.body.startswith("Dear ") and message.link_text == "Make an appointment"
    assert message.languages == {"subject": "en", "body": "en", "link_text": "en"}
    [message] = Message.objects.filter(resident=dutch)
    assert message.subject == "Uw paspoort verloopt op 2 januari 2027"
    assert message.link_text == "Maak een afspraak"
    assert translation.get_language() == settings.LANGUAGE_CODE, "the run's own language is left as it was"


def test_a_rule_without_english_reaches_an_english_resident_in_dutch(passport_rule):
    english = _speaks_english(passport_holder(expires_in=40))
    run()
    [message] = Message.objects.filter(resident=english)
    assert message.subject == "Uw paspoort verloopt op 2 januari 2027", "Dutch through and through, date included"
    assert set(message.languages.values()) == {"nl"}, "and said to be Dutch, so an English page marks it"


def test_letters_stay_dutch_whoever_prints_them(passport_rule):
    from portal.notices.letters import render_letter_batch

    _english_text(passport_rule)
    passport_holder(expires_in=40, account=False)
    run()
    [notice] = Notice.objects.filter(channel=Notice.Channel.LETTER)
    assert notice.context["vervaldatum"] == "2027-01-02", "stored as a date, written out when read"
    with translation.override("en"):  # a member of staff reading the English admin
        pdf = render_letter_batch(batch=notice.letter_batch)
    assert "2 januari 2027" in _pdf_text(pdf) and "January" not in _pdf_text(pdf)


def test_a_notice_stored_before_keeps_its_written_out_values():
    """Notices made before dates were stored as dates hold the Dutch words; they are shown as they were."""
    stored = {"document": "paspoort", "vervaldatum": "2 januari 2027", "naam": "Sam"}
    assert render_text("Uw {document} verloopt op {vervaldatum}, {naam}", stored) == (
        "Uw paspoort verloopt op 2 januari 2027, Sam"
    )
    assert render_text("{onbekend} blijft staan", stored) == "{onbekend} blijft staan"


def test_an_english_message_with_a_placeholder_the_rule_does_not_fill_is_refused_and_kept(editor_client, passport_rule):
    _english_text(passport_rule)
    url = f"/cms/snippets/notices/noticerule/edit/{passport_rule.pk}/"
    data = edit_form_data(editor_client, url)
    assert data["translations-0-language"] == "en"
    data["translations-0-subject"] = "Your {document} expires on {belastingjaar}"
    answer = editor_client.post(url, data)
    assert answer.status_code == 200
    assert "Onbekend in deze tekst: {belastingjaar}" in answer.content.decode()
    assert "expires on {belastingjaar}" in answer.content.decode(), "what was typed is kept"
    assert NoticeRuleTranslation.objects.get().subject == "Your {document} expires on {vervaldatum}"

    data["translations-0-subject"] = "Your {document} runs out on {vervaldatum}"
    assert editor_client.post(url, data).status_code == 302
    assert NoticeRuleTranslation.objects.get().subject == "Your {document} runs out on {vervaldatum}"


def test_a_letter_is_copied_at_first_login_in_the_language_chosen_just_before(passport_rule, rf):
    """A resident without an account got a letter; they switch the site to English, then log in for the first time:
    the copy in their inbox is in English, and their account speaks English from then on."""
    from django.contrib.auth.signals import user_logged_in
    from django.contrib.sessions.backends.db import SessionStore

    from auth.services import resident_get_or_create

    _english_text(passport_rule)
    offline = passport_holder(expires_in=40, account=False)
    run()
    resident = resident_get_or_create(bsn=offline.bsn)  # the account, made as the login begins
    assert not Message.objects.filter(resident=resident).exists(), "copied at the login, not before"
    request = rf.get("/inloggen/digid/terug/")
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "en"
    request.session = SessionStore()
    user_logged_in.send(sender=type(resident), request=request, user=resident)
    [copy] = Message.objects.filter(resident=resident)
    assert copy.subject == "Your passport expires on 2 January 2027"
    resident.refresh_from_db()
    assert resident.language == "en"
    user_logged_in.send(sender=type(resident), request=request, user=resident)  # a later login copies nothing again
    assert Message.objects.filter(resident=resident).count() == 1
