"""Reports in English (issue 22): an English-speaking resident chooses from the categories in English where the
municipality wrote them, and reads a Dutch one marked as Dutch, from the choice to the report's own page and the
public list; the reports staff keep a category's English beside its Dutch."""

import pytest
from django.urls import reverse

from portal.reports import demo
from portal.reports.models import Category, CategoryTranslation
from tests.appointments.test_languages import _marked
from tests.cms.test_languages import _dutch_outside_lang_nl
from tests.factories.cases import make_resident
from tests.helpers import login_resident
from tests.reports.conftest import make_report
from tests.reports.test_views import _to_check, _url


@pytest.fixture
def english(categories):
    """English for one main category and one subcategory; the others have none."""
    CategoryTranslation.objects.create(category=categories["lamp"].parent, language="en", name="Street lighting")
    CategoryTranslation.objects.create(category=categories["lamp"], language="en", name="Street light not working")
    return categories


def _dutch(categories) -> set[str]:
    return {category.name for category in Category.objects.all()}


def test_the_categories_to_choose_from_are_english_or_marked_dutch(client, english):
    client.cookies["django_language"] = "en"
    client.get(reverse("reports:start"))
    client.post(_url("wat"), {"description": "The street light is out"})
    page = client.get(_url("soort")).content.decode()
    assert set(_marked(page, "Street lighting")) == {"en"} and set(_marked(page, "Street light not working")) == {"en"}
    assert set(_marked(page, "Afval")) == {"nl"} and set(_marked(page, "Container vol")) == {"nl"}
    assert _dutch_outside_lang_nl(page, _dutch(english)) == []
    assert client.post(_url("soort"), {"category": "lantaarnpaal"}).url == _url("fotos"), "the value stays the code"


def test_the_check_step_names_the_category_as_chosen_in_english(client, english):
    client.cookies["django_language"] = "en"
    _to_check(client)
    page = client.get(_url("controle")).content.decode()
    assert set(_marked(page, "Street lighting › Street light not working")) == {"en"}
    assert _dutch_outside_lang_nl(page, _dutch(english)) == []


def test_a_half_translated_category_is_named_wholly_in_dutch(client, english):
    CategoryTranslation.objects.filter(category=english["lamp"].parent).delete()
    client.cookies["django_language"] = "en"
    _to_check(client)
    assert set(_marked(client.get(_url("controle")).content.decode(), "Verlichting › Lantaarnpaal kapot")) == {"nl"}


def test_the_reports_own_page_my_reports_and_the_public_list_in_english(client, english, django_assert_max_num_queries):
    resident = make_resident()
    mine = make_report(english["lamp"], description="Lamp", resident=resident)
    make_report(english["container"], description="Vol", resident=resident)
    login_resident(client, resident)
    client.cookies["django_language"] = "en"
    pages = {
        "detail": client.get(reverse("reports:detail", kwargs={"uuid": mine.uuid})).content.decode(),
        "mine": client.get(reverse("reports:mine")).content.decode(),
        "public": client.get(reverse("reports:public_list")).content.decode(),
    }
    for name, page in pages.items():
        assert _dutch_outside_lang_nl(page, _dutch(english)) == [], name
    assert set(_marked(pages["mine"], "Street light not working")) == {"en"}
    assert set(_marked(pages["mine"], "Container vol")) == {"nl"}
    assert '<option value="afval" lang="nl">Afval</option>' in pages["public"]
    for _number in range(5):  # more reports cost no more queries: the categories' texts come in one each
        for category in ("lamp", "container"):
            make_report(english[category], description="Nog een", resident=resident)
    with django_assert_max_num_queries(8):
        client.get(reverse("reports:mine"))
    with django_assert_max_num_queries(9):  # as in Dutch (4), the login's (3), the categories' and their mains' texts
        client.get(reverse("reports:public_list"))


def test_in_dutch_nothing_changes(client, english):
    client.get(reverse("reports:start"))
    client.post(_url("wat"), {"description": "De lantaarnpaal brandt niet"})
    page = client.get(_url("soort")).content.decode()
    assert "Lantaarnpaal kapot" in page and "Street light" not in page and 'lang="nl"' not in page.split("<body")[1]


def test_reports_staff_keep_a_categorys_english_in_its_own_screen(client, demo_site):
    from tests.auth.test_roles import _staff

    _staff(client, "medewerker-openbare-ruimte")
    category = Category.objects.get(code="lantaarnpaal")
    page = client.get(f"/cms/snippets/reports/category/edit/{category.pk}/").content.decode()
    assert "In andere talen" in page and "Street light not working" in page


def test_the_demo_ships_every_category_and_its_questions_in_english(demo_site):
    assert set(Category.objects.values_list("code", flat=True)) == set(demo.ENGLISH_CATEGORIES)
    assert CategoryTranslation.objects.filter(language="en").count() == len(demo.ENGLISH_CATEGORIES)
    from forms_engine.models import FormTranslation

    assert set(
        FormTranslation.objects.filter(form__slug__in=demo.ENGLISH_QUESTIONS).values_list("form__slug", flat=True)
    ) == set(demo.ENGLISH_QUESTIONS)
