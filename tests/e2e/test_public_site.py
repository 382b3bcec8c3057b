import re

import pytest
from playwright.sync_api import expect

from cms import demo_content
from tests.e2e.a11y import assert_accessible

SERVICE_PATHS = [f"/producten-en-diensten/{service['slug']}/" for service in demo_content.SERVICES]
PAGES = [
    ("/", 200),
    ("/producten-en-diensten/", 200),
    *[(path, 200) for path in SERVICE_PATHS],
    ("/contact/", 200),
    ("/toegankelijkheidsverklaring/", 200),
    ("/privacyverklaring/", 200),
    ("/zoeken/", 200),
    ("/zoeken/?q=paspoort", 200),
    ("/deze-pagina-bestaat-niet/", 404),
]


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_every_public_page_is_accessible(page, live_url, path, status):
    response = page.goto(live_url + path)
    assert response.status == status
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert_accessible(page)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, live_url):
    page.goto(live_url + "/producten-en-diensten/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is the first link of the content, not something in the header.
    first_service = sorted(service["title"] for service in demo_content.SERVICES)[0]
    expect(page.get_by_role("link", name=first_service)).to_be_focused()


def test_a_resident_finds_a_service_through_search_with_the_keyboard(page, live_url):
    page.goto(live_url + "/")
    search = page.get_by_role("searchbox", name="Zoeken op de site")
    search.focus()
    search.fill("pasfoto")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/zoeken/\?q=pasfoto"))
    expect(page.locator("#results-heading")).to_contain_text(re.compile(r"\d+ resulta(at|ten) voor ‘pasfoto’"))
    assert_accessible(page)
    result = page.get_by_role("link", name="Paspoort aanvragen")
    result.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Paspoort aanvragen")


def test_the_top_tasks_lead_to_their_services(page, live_url):
    page.goto(live_url + "/")
    page.get_by_role("link", name="Verhuizing doorgeven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verhuizing doorgeven")
    expect(page.get_by_role("navigation", name="Kruimelpad")).to_contain_text("Producten en diensten")


def test_the_language_switch_turns_the_interface_english_and_back(page, live_url):
    page.goto(live_url + "/producten-en-diensten/paspoort/")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(live_url + "/en/services/passport/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="What to bring")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Nederlands").click()
    expect(page).to_have_url(live_url + "/producten-en-diensten/paspoort/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", name="Wat neemt u mee")).to_be_visible()


@pytest.mark.parametrize("path", ["/", "/producten-en-diensten/trouwen-en-partnerschap/", "/zoeken/?q=paspoort"])
def test_pages_fit_a_320_pixel_screen(browser, request, live_url, path):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL")
    request.addfinalizer(context.close)
    page = context.new_page()
    page.goto(live_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    assert_accessible(page)


def test_search_and_language_work_without_javascript(page_without_js, live_url):
    page = page_without_js
    page.goto(live_url + "/")
    page.get_by_role("searchbox", name="Zoeken op de site").fill("verhuizing")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page.get_by_role("link", name="Verhuizing doorgeven")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
