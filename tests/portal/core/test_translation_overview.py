"""One overview of what still lacks a translation (issue 22): every kind of thing residents read, per language,
for whoever may translate it, leading to where it is translated."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps

from cms.models import ServicePage
from forms_engine.models import FormDefinition, FormTranslation
from portal.appointments.models import Product, ProductTranslation
from portal.core.translation_overview import kinds
from portal.core.translations import Translatable
from tests.auth.test_roles import _staff
from tests.factories.appointments import ProductFactory

URL = "/cms/vertalingen/"


def _sections(response) -> dict[str, dict[str, dict]]:
    """{kind: {item name: {"state": text, "url": link}}} as listed."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    found = {}
    for section in soup.select("section.loket-translate-kind"):
        rows = {}
        for row in section.select("tbody tr"):
            link = row.select_one("a")
            rows[row.th.get_text(strip=True)] = {
                "state": row.select("td")[0].get_text(" ", strip=True),
                "url": link["href"] if link else None,
            }
        found[section.h2.get_text(strip=True)] = rows
    return found


def test_every_model_residents_read_in_other_languages_is_counted_somewhere():
    counted = {model for kind in kinds for model in kind.models}
    translatable = {model for model in apps.get_models() if issubclass(model, Translatable)}
    assert translatable and translatable <= counted, translatable - counted


def test_the_editor_sees_what_lacks_english_and_is_led_to_translate_it(client, demo_site):
    _staff(client, "redacteur")
    woz = ServicePage.objects.get(slug="woz-waarde", locale__language_code="nl")
    FormTranslation.objects.filter(form__slug="melding-container").delete()
    sections = _sections(client.get(URL))
    assert list(sections) == ["Pagina's", "Gegevens van de gemeente", "Formulieren", "Zaaktypen"], "the editor's own"
    assert sections["Pagina's"]["WOZ-waarde en bezwaar"] == {
        "state": "Nog geen versie in deze taal",
        "url": f"/cms/translation/submit/page/{woz.pk}/",
    }
    container = FormDefinition.objects.get(name="Melding: vragen over de container")
    assert sections["Formulieren"][container.name]["url"] == f"/cms/formulieren/vertalen/{container.pk}/en/"
    assert sections["Formulieren"][container.name]["state"].endswith("teksten ontbreken")
    assert "Verhuizing doorgeven" not in sections["Formulieren"], "what is translated is left out"
    everything = _sections(client.get(URL + "?alles=1"))
    assert everything["Formulieren"]["Verhuizing doorgeven"]["state"] == "Alles vertaald"
    assert everything["Zaaktypen"]["Verhuizing"]["url"].startswith("/cms/zaaktypen/teksten/")
    for url in {row["url"] for rows in sections.values() for row in rows.values()}:
        assert client.get(url).status_code == 200, url


def test_a_translation_the_dutch_outgrew_is_counted(client, demo_site):
    _staff(client, "redacteur")
    row = FormTranslation.objects.get(form__slug="verhuizing", language="en")
    row.sources["verhuisdatum.help_text"] = "Bijvoorbeeld 1 1 2025."  # the Dutch said this when it was translated
    row.save()
    sections = _sections(client.get(URL))
    assert sections["Formulieren"]["Verhuizing doorgeven"]["state"] == "Alles vertaald; 1 vertaling is verouderd"


def test_a_dutch_page_published_again_after_its_english_version_is_counted_as_outdated(client, demo_site):
    _staff(client, "redacteur")
    passport = ServicePage.objects.get(slug="paspoort", locale__language_code="nl")
    assert "Paspoort aanvragen" not in _sections(client.get(URL))["Pagina's"]
    passport.intro = "Vraag uw paspoort op tijd aan."
    passport.save_revision().publish()
    assert _sections(client.get(URL))["Pagina's"][passport.title]["state"] == (
        "De Nederlandse pagina is gepubliceerd na de versie in deze taal"
    )


def test_an_english_draft_of_a_page_is_still_missing_for_residents_and_leads_to_its_editor(client, demo_site):
    _staff(client, "redacteur")
    woz = ServicePage.objects.get(slug="woz-waarde", locale__language_code="nl")
    english = woz.copy_for_translation(woz.get_parent().specific.get_translations().get().locale, copy_parents=True)
    english.unpublish()
    row = _sections(client.get(URL))["Pagina's"][woz.title]
    assert row == {
        "state": "De versie in deze taal is nog niet gepubliceerd",
        "url": f"/cms/pages/{english.pk}/edit/",
    }
    english.save_revision().publish()
    assert woz.title not in _sections(client.get(URL))["Pagina's"]


def test_appointment_staff_see_their_products_and_rooms_and_not_the_editors_things(client, demo_site):
    _staff(client, "medewerker-burgerzaken")
    product = ProductFactory(name="Rijbewijs aanvragen", description="Neem uw oude rijbewijs mee.")
    ProductTranslation.objects.create(product=product, language="en", name="Apply for a driving licence")
    sections = _sections(client.get(URL))
    assert list(sections) == ["Afspraakproducten", "Locaties", "Balies en zalen", "Ceremonies"]
    assert sections["Afspraakproducten"]["Rijbewijs aanvragen"] == {
        "state": "1 van 2 teksten ontbreekt",
        "url": f"/cms/snippets/appointments/product/edit/{product.pk}/",
    }
    assert "Anna de Boer" not in str(_sections(client.get(URL + "?alles=1"))), "an official's name is not translated"
    assert client.get(f"/cms/snippets/appointments/product/edit/{product.pk}/").status_code == 200


def test_notice_staff_see_their_categories_and_rules(client, demo_site):
    _staff(client, "medewerker-belastingen")
    assert list(_sections(client.get(URL))) == ["Categorieën van voormeldingen", "Voormeldingen (regels)"]


@pytest.mark.parametrize("username", ["medewerker-werk-en-inkomen", "medewerker-financien", "archivaris"])
def test_staff_who_translate_nothing_neither_open_it_nor_see_it_in_the_menu(client, demo_site, username):
    _staff(client, username)
    assert client.get(URL)["Location"] == "/cms/"
    assert URL not in client.get("/cms/").content.decode()


@pytest.mark.parametrize("query", ["?taal=nl", "?taal=de", "?taal=%3Cscript%3E"])
def test_only_the_sites_other_languages_are_listed(client, demo_site, query):
    _staff(client, "redacteur")
    assert client.get(URL + query).status_code == 404


def test_the_overview_costs_a_fixed_number_of_queries(client, demo_site, django_assert_max_num_queries):
    _staff(client, "beheerder")
    client.get(URL)
    with django_assert_max_num_queries(40) as before:
        client.get(URL + "?alles=1")
    for number in range(10):
        ProductTranslation.objects.create(product=ProductFactory(), language="en", name=f"Product {number}")
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert "Product 9" in client.get(URL + "?alles=1").content.decode()


def test_product_names_with_markup_are_shown_as_text(client, demo_site):
    _staff(client, "beheerder")
    ProductFactory(name="<b>Vet</b> product")
    assert "&lt;b&gt;Vet&lt;/b&gt; product" in client.get(URL).content.decode()
    assert Product.objects.filter(name__startswith="<b>").exists()
