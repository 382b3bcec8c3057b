"""Pages per language (issue 22): each page has an address per language, the language switch keeps the resident
on the same page, and what has no English version yet is read in English's frame, marked as Dutch."""

import re

import polib
import pytest
from bs4 import BeautifulSoup, NavigableString
from django.test import Client

from cms import demo_content, demo_content_en
from cms.models import ServicePage
from tests.portal.core.test_language import ROOT

ENGLISH_PAGES = ["/en/", "/en/services/", "/en/services/moving-house/", "/en/services/passport/", "/en/contact/"]
DUTCH_ONLY = "/en/producten-en-diensten/woz-waarde/"


def _soup(response):
    return BeautifulSoup(response.content, "html.parser")


def _texts(value):
    """Every text in a demo content structure, its markup taken off, per paragraph, item or line."""
    if isinstance(value, dict):
        return {text for item in value.values() for text in _texts(item)}
    if isinstance(value, list | tuple):
        return {text for item in value for text in _texts(item)}
    if isinstance(value, str):
        return {" ".join(part.split()) for part in re.split(r"<[^>]+>|\n", value) if part.strip()}
    return set()


def _dutch_strings() -> set[str]:
    """The demo's Dutch texts and the interface's Dutch texts that English says otherwise."""
    content = _texts([value for name, value in vars(demo_content).items() if name.isupper()])
    content -= _texts([value for name, value in vars(demo_content_en).items() if name.isupper()])
    interface = {
        " ".join(entry.msgid.split())
        for entry in polib.pofile(str(ROOT / "locale/en/LC_MESSAGES/django.po"))
        if entry.msgstr and entry.msgstr != entry.msgid and "%" not in entry.msgid and "{" not in entry.msgid
    }
    return {text for text in content | interface if len(text) > 3 and re.search(r"[a-z]", text)}


DUTCH = _dutch_strings()


def _dutch_outside_lang_nl(html: str, dutch: set[str] = DUTCH) -> list[str]:
    """Visible texts of the page's body that are Dutch (`dutch`) and not inside an element marked `lang="nl"`."""
    found = []
    for node in BeautifulSoup(html, "html.parser").body.find_all(string=True):
        if not isinstance(node, NavigableString) or node.parent.name in ("script", "style", "template"):
            continue
        text = " ".join(node.split())
        if not text:
            continue
        marked = next((parent["lang"] for parent in node.parents if parent.has_attr("lang")), "")
        if marked == "nl":
            continue
        if text in dutch or any(len(known) >= 20 and known in text for known in dutch):
            found.append(text)
    return found


def test_the_check_finds_dutch_text_where_it_is_not_marked():
    """The check below would fail on a page that shows a Dutch demo text or interface text unmarked."""
    assert _dutch_outside_lang_nl("<html lang='en'><body><p>Verhuizing doorgeven</p></body></html>") == [
        "Verhuizing doorgeven"
    ]
    assert _dutch_outside_lang_nl("<html lang='en'><body><a>Direct naar de inhoud</a></body></html>")
    assert _dutch_outside_lang_nl("<html lang='en'><body><p lang='nl'>Verhuizing doorgeven</p></body></html>") == []
    assert _dutch_outside_lang_nl("<html lang='en'><body><p>Report a move</p></body></html>") == []


@pytest.mark.parametrize("url", [*ENGLISH_PAGES, DUTCH_ONLY, "/en/producten-en-diensten/geboorteaangifte/"])
def test_an_english_page_shows_no_dutch_text_outside_an_element_marked_dutch(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 200
    assert _soup(response).html["lang"] == "en"
    assert _dutch_outside_lang_nl(response.content.decode()) == []


def test_the_search_in_english_shows_no_dutch_text_outside_an_element_marked_dutch(client, demo_site):
    client.get("/en/")
    response = client.get("/zoeken/?q=paspoort")
    assert _soup(response).html["lang"] == "en"
    assert _dutch_outside_lang_nl(response.content.decode()) == []


def test_the_demo_ships_the_home_page_menu_and_services_in_english(client, demo_site):
    home = _soup(client.get("/en/"))
    assert home.h1.get_text(strip=True) == demo_content_en.HOME["title"]
    menu = [link.get_text(strip=True) for link in home.select(".loket-nav__link")]
    assert menu == ["Home", "Products and services", "Contact"]
    tasks = [link.get_text(strip=True) for link in home.select(".loket-top-task")]
    assert tasks == [demo_content_en.TOP_TASKS[slug] for slug, _title in demo_content.TOP_TASKS]
    assert [link["href"] for link in home.select(".loket-top-task")][:2] == [
        "/en/services/moving-house/",
        "/en/services/passport/",
    ]
    moving = _soup(client.get("/en/services/moving-house/"))
    assert moving.select_one(".loket-actions a")["href"] == "/en/services/moving-house/apply/"


def test_every_page_has_its_address_per_language_with_hreflang_alternates(client, demo_site):
    dutch = _soup(client.get("/producten-en-diensten/paspoort/"))
    english = _soup(Client().get("/en/services/passport/"))
    expected = {
        "nl": "http://localhost/producten-en-diensten/paspoort/",
        "en": "http://localhost/en/services/passport/",
        "x-default": "http://localhost/producten-en-diensten/paspoort/",
    }
    for soup in (dutch, english):
        links = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
        assert links == expected
    only_dutch = _soup(client.get("/producten-en-diensten/woz-waarde/"))
    assert only_dutch.select("link[rel=alternate][hreflang]") == [], "no alternate for a version that is not there"


def test_a_page_without_an_english_version_is_read_in_english_marked_dutch_with_one_notice(demo_site):
    response = Client().get(DUTCH_ONLY)
    soup = _soup(response)
    assert soup.html["lang"] == "en"
    assert soup.find("a", href="#main").get_text(strip=True) == "Skip to content"
    assert soup.h1["lang"] == "nl" and soup.h1.get_text(strip=True) == "WOZ-waarde en bezwaar"
    notices = soup.select(".loket-language-notice")
    assert [notice.get_text(strip=True) for notice in notices] == ["This page is only available in Dutch."]
    assert soup.select_one("section h2").get("lang") is None, "the interface's own headings stay English"
    crumbs = [(link.get_text(strip=True), link["href"]) for link in soup.select(".utrecht-breadcrumb-nav__link")]
    assert crumbs == [
        ("Home", "/en/"),
        ("Products and services", "/en/services/"),
        ("WOZ-waarde en bezwaar", DUTCH_ONLY),
    ]
    for english in ENGLISH_PAGES:
        assert not _soup(Client().get(english)).select(".loket-language-notice"), english


def test_the_english_service_list_has_every_service_each_in_its_own_language(client, demo_site):
    items = _soup(client.get("/en/services/")).select(".loket-service-list__item")
    assert len(items) == len(demo_content.SERVICES)
    dutch_only = {item.a.get_text(strip=True) for item in items if item.get("lang") == "nl"}
    translated = {page["title"] for page in demo_content_en.PAGES.values()}
    expected_dutch = {s["title"] for s in demo_content.SERVICES if s["slug"] not in demo_content_en.PAGES}
    assert dutch_only == expected_dutch
    assert {item.a.get_text(strip=True) for item in items if not item.get("lang")} <= translated
    titles = [item.a.get_text(strip=True).lower() for item in items]
    assert titles == sorted(titles), "A to Z as read"


def test_a_visitor_who_chose_english_is_sent_to_the_english_address(client, demo_site):
    client.cookies["django_language"] = "en"
    assert client.get("/").headers["Location"] == "/en/"
    response = client.get("/producten-en-diensten/paspoort/?x=1", follow=True)
    assert [url for url, _status in response.redirect_chain] == [
        "/en/producten-en-diensten/paspoort/?x=1",
        "/en/services/passport/?x=1",
    ]
    assert client.get("/mijn/").status_code == 302 and "/en/" not in client.get("/mijn/").headers["Location"]
    assert client.get("/zoeken/").status_code == 200, "the rest of the site is not under /en/"


def test_a_form_sent_to_a_dutch_address_is_handled_not_lost(client, demo_site):
    """A form posted to a page's Dutch address (a tab opened before the switch) is answered, in Dutch."""
    client.cookies["django_language"] = "en"
    response = client.post("/producten-en-diensten/paspoort/", {"x": "1"})
    assert response.status_code != 404
    assert response.headers["Content-Language"] == "nl"


def test_a_page_read_at_an_english_address_is_remembered_on_the_device(demo_site):
    visitor = Client()
    assert visitor.get("/en/services/passport/").cookies["django_language"].value == "en"
    assert _soup(visitor.get("/zoeken/")).html["lang"] == "en", "the rest of the site follows"
    again = visitor.get("/en/services/")
    assert "django_language" not in again.cookies, "set once"


@pytest.mark.parametrize(
    "url",
    [
        "/en/bestaat-niet/",
        "/en/services/../../admin/",
        "/en/%3Cscript%3Ealert(1)%3C/script%3E/",
        "/en/" + "a/" * 300,
        "/en/services/passport/%00/",
    ],
)
def test_a_wrong_english_address_gets_the_english_404(client, demo_site, url):
    response = client.get(url)
    assert response.status_code in (404, 400)
    assert "<script>alert" not in response.content.decode()


def test_the_switch_refuses_foreign_and_malformed_destinations(client, demo_site):
    for evil in ["https://evil.example/en/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]:
        response = client.post("/taal/", {"language": "nl", "next": evil})
        assert response.status_code == 302
        assert response.headers["Location"] == "/", evil
    response = client.post("/taal/", {"language": "nl", "next": "/en/services/"})
    assert response.headers["Location"] == "/services/", "an English prefix is taken off, whatever comes after"


def test_english_pages_cost_a_fixed_number_of_queries(client, demo_site, django_assert_max_num_queries):
    client.get("/en/")  # the frame is built once per content version and language
    for url in ["/en/", "/en/services/", "/en/services/passport/", DUTCH_ONLY]:
        with django_assert_max_num_queries(24):
            assert client.get(url).status_code == 200


def test_a_new_english_version_is_found_at_once(client, demo_site):
    """Publishing an English version moves the service out of the Dutch-only list, and the old /en/ address of
    the Dutch page sends the visitor to it."""
    woz = ServicePage.objects.get(slug="woz-waarde")
    english = woz.copy_for_translation(woz.get_parent().specific.get_translations().get().locale, copy_parents=True)
    english.title, english.slug = "WOZ value and objections", "woz-value"
    english.save_revision().publish()
    assert client.get(DUTCH_ONLY).headers["Location"] == "/en/services/woz-value/"
    items = _soup(client.get("/en/services/")).select(".loket-service-list__item")
    assert "WOZ value and objections" in {item.a.get_text(strip=True) for item in items if not item.get("lang")}


def test_an_editor_translates_a_page_and_publishes_it_without_the_dutch_page_waiting(client, demo_site):
    from tests.auth.test_roles import _staff

    _staff(client, "redacteur")
    woz = ServicePage.objects.get(slug="woz-waarde")
    screen = client.get(f"/cms/translation/submit/page/{woz.pk}/")
    assert screen.status_code == 200
    english = _soup(screen).select_one("input[name=locales]")
    assert english is not None and english.get("disabled") is None, "English can be chosen"
    response = client.post(f"/cms/translation/submit/page/{woz.pk}/", {"locales": [english["value"]]})
    assert response.status_code == 302
    draft = woz.get_translation(english["value"])
    assert not draft.live, "a new translation waits for its editor, the Dutch page does not wait for it"
    assert client.get(f"/cms/pages/{draft.pk}/edit/").status_code == 200
    assert Client().get("/producten-en-diensten/woz-waarde/").status_code == 200
    assert Client().get(DUTCH_ONLY).status_code == 200, "until it is published, English readers get the Dutch page"
    woz.intro = "Nieuwe uitleg."
    woz.save_revision().publish()
    assert "Nieuwe uitleg." in Client().get("/producten-en-diensten/woz-waarde/").content.decode()


@pytest.mark.parametrize("username", ["beheerder", "redacteur"])
def test_only_the_administrator_keeps_the_site_s_languages(client, demo_site, settings, username):
    from wagtail.models import Locale

    from tests.auth.test_roles import ADMIN_HOME, _staff

    # A language without a locale yet, else Wagtail offers no add screen at all.
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [*settings.LANGUAGES, ("fy", "Frysk")]
    _staff(client, username)
    english = Locale.objects.get(language_code="en")
    for url in ("/cms/locales/", "/cms/locales/new/", f"/cms/locales/edit/{english.pk}/"):
        response = client.get(url)
        if username == "beheerder":
            assert response.status_code == 200, url
        else:
            assert (response.status_code, response.url) == (302, ADMIN_HOME), url


def test_the_footer_and_header_read_in_english_with_the_dutch_kept_where_english_is_left_empty(client, demo_site):
    from wagtail.models import Site

    from cms.models import MunicipalitySettings

    english = _soup(client.get("/en/"))
    assert english.select_one(".loket-logo__name").get_text(strip=True) == demo_content_en.MUNICIPALITY["name"]
    footer = english.find("footer")
    assert "Monday to Friday" in footer.get_text() and not footer.select("[lang]")
    dutch = _soup(Client().get("/")).find("footer")
    assert "Maandag tot en met vrijdag" in dutch.get_text()

    translation = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True)).translations.get()
    translation.opening_hours = ""
    translation.save()
    footer = _soup(client.get("/en/")).find("footer")
    marked = [element.get_text(" ", strip=True) for element in footer.select("[lang=nl]")]
    assert marked == [demo_content.MUNICIPALITY["opening_hours"].replace("\n", " ")], "shown in Dutch, marked"


def _form_data(form) -> dict:
    """What the browser would send for a form as it is shown (text, hidden, selects and text areas)."""
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        kind = field.get("type", "")
        if kind in ("submit", "button", "file") or (kind in ("checkbox", "radio") and not field.has_attr("checked")):
            continue
        if field.name == "textarea":
            data[field["name"]] = field.get_text()
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            data[field["name"]] = chosen["value"] if chosen else ""
        else:  # a ticked box without a value sends "on", as a browser does
            data[field["name"]] = field.get("value", "on" if kind in ("checkbox", "radio") else "")
    return data


def edit_form_data(client, url: str) -> dict:
    """An admin edit screen opened, and what its form would send as it is shown."""
    screen = client.get(url)
    assert screen.status_code == 200
    return _form_data(_soup(screen).select_one(f"form[action='{url}']"))


def refuses_bad_translation_rows(client, url: str, data: dict, rows, *, field: str, empty: tuple[str, ...]) -> None:
    """A second row for a language that has one, a language the site does not have, no language: each is refused
    with an error, what was typed is kept, and `rows` (a queryset of the saved rows) does not change."""
    saved = rows.count()
    for language, text in [("en", "Dubbel"), ("xx", "Onbekende taal"), ("", "Zonder taal")]:
        bad = {
            **data,
            "translations-TOTAL_FORMS": "2",
            "translations-1-language": language,
            f"translations-1-{field}": text,
            **{f"translations-1-{name}": "" for name in (*empty, "id", "DELETE")},
            "translations-1-ORDER": "2",
        }
        answer = client.post(url, bad)
        assert answer.status_code == 200, language
        assert "error" in answer.content.decode()
        assert text in answer.content.decode(), "what was typed is kept"
        assert rows.count() == saved


def test_an_editor_keeps_the_municipality_s_details_per_language_and_bad_input_is_refused(client, demo_site):
    from wagtail.models import Site

    from cms.models import MunicipalitySettings
    from tests.auth.test_roles import _staff

    _staff(client, "redacteur")
    site = Site.objects.get(is_default_site=True)
    url = f"/cms/settings/cms/municipalitysettings/{site.pk}/"
    data = edit_form_data(client, url)
    assert data["translations-TOTAL_FORMS"] == "1" and data["translations-0-language"] == "en"

    data["translations-0-opening_hours"] = "Monday to Friday: 9 am to 5 pm"
    assert client.post(url, data).status_code == 302
    assert "9 am to 5 pm" in _soup(Client().get("/en/")).find("footer").get_text()

    translations = MunicipalitySettings.for_site(site).translations.all()
    refuses_bad_translation_rows(client, url, data, translations, field="opening_hours", empty=("name", "address"))


def test_a_form_page_asked_for_at_its_dutch_page_s_english_address_is_its_english_version(client, demo_site):
    """Also with what follows the page's address (a form's sub-page, the query); a form sent there is not
    redirected (what was typed would be lost)."""
    dutch_form = "/en/producten-en-diensten/verhuizing-doorgeven/aanvragen/"
    assert client.get(dutch_form + "?opnieuw=1").headers["Location"] == "/en/services/moving-house/apply/?opnieuw=1"
    assert client.get(dutch_form + "ontvangen/").headers["Location"] == "/en/services/moving-house/apply/ontvangen/"
    sent = client.post(dutch_form, {"x": "1"})
    assert not sent.get("Location", "").startswith("/en/services/"), "handled where it was sent (here: log in first)"
