from pathlib import Path

import polib
from bs4 import BeautifulSoup
from django.utils import translation

ROOT = Path(__file__).resolve().parents[3]


def _ui(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.html["lang"], soup.find("a", href="#main").get_text(strip=True)


def test_dutch_is_the_default_even_for_an_english_browser(client, demo_site):
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert _ui(response) == ("nl", "Direct naar de inhoud")
    assert response.headers["Content-Language"] == "nl"


def _switch(client, page):
    """The header's language switch, as the page offers it."""
    form = BeautifulSoup(page.content, "html.parser").select_one("form.loket-language")
    fields = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
    button = form.find("button")
    return client.post(form["action"], {**fields, button["name"]: button["value"]})


def test_the_language_switch_changes_the_interface_and_returns_to_the_page(client, demo_site):
    response = _switch(client, client.get("/producten-en-diensten/paspoort/"))
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/services/passport/", "the same page, in its English version"
    page = client.get(response.headers["Location"])
    assert _ui(page) == ("en", "Skip to content")
    assert "What to bring" in page.content.decode()

    back = _switch(client, page)
    assert back.headers["Location"] == "/producten-en-diensten/paspoort/"
    assert _ui(client.get(back.headers["Location"])) == ("nl", "Direct naar de inhoud")


def test_the_switch_outside_the_pages_stays_on_the_same_address(client, demo_site):
    response = _switch(client, client.get("/zoeken/?q=paspoort"))
    assert response.headers["Location"] == "/zoeken/?q=paspoort"
    assert _ui(client.get("/zoeken/?q=paspoort"))[0] == "en"
    assert _switch(client, client.get("/zoeken/?q=paspoort")).headers["Location"] == "/zoeken/?q=paspoort"
    assert _ui(client.get("/zoeken/?q=paspoort"))[0] == "nl"


def test_the_switch_ignores_foreign_redirects_and_unknown_languages(client, demo_site):
    response = client.post("/taal/", {"language": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/en/", "the home page, in the language chosen"
    client.cookies["django_language"] = "xx"
    assert _ui(client.get("/"))[0] == "nl"


def test_every_interface_text_has_an_english_translation_that_is_compiled():
    po = polib.pofile(str(ROOT / "locale/en/LC_MESSAGES/django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    with translation.override("en"):
        for entry in po:
            if entry.msgid_plural or entry.obsolete:
                continue
            assert translation.gettext(entry.msgid) == entry.msgstr, f"{entry.msgid!r}: run compilemessages"
