"""Notice categories in English (issue 22): a resident choosing which messages they want reads each category's
name and explanation in English where it has them, and in Dutch marked lang="nl" where not; staff keep the English
beside the Dutch in the category's own screen."""

import pytest
from django.conf import settings

from portal.notices.models import NoticeCategory, NoticeCategoryTranslation, NoticePreference
from tests.appointments.test_languages import _marked
from tests.cms.test_languages import DUTCH, _dutch_outside_lang_nl, _form_data, _soup, refuses_bad_translation_rows
from tests.factories.cases import make_resident
from tests.factories.notices import NoticeCategoryFactory
from tests.helpers import login_resident


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
    screen = editor_client.get(url)
    assert screen.status_code == 200
    data = _form_data(_soup(screen).select_one(f"form[action='{url}']"))
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
