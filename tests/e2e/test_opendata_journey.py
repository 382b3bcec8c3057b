"""How are we doing, from every seat: a visitor finds the figures from the footer by keyboard (chart and table,
axe, 320 px), and without JavaScript; a resident answers the question on their closed case (first wrongly); the
case handler reads the masked comment on the admin's dashboard."""

import json

from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible, assert_admin_accessible
from tests.e2e.conftest import _new_page

TIMEOUT = 15_000


def _press(page, locator) -> None:
    locator.focus()
    page.keyboard.press("Enter")


def test_a_visitor_finds_the_figures_from_the_footer_by_keyboard(page, live_url):
    page.goto(live_url + "/")
    _press(page, page.get_by_role("contentinfo").get_by_role("link", name="Zo doen we het"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Zo doen we het", timeout=TIMEOUT)
    chart = page.get_by_role("img", name="Verhuizing: afgehandeld binnen de norm (%)")
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name="Verhuizing: cijfers per maand")
    expect(table.get_by_role("row")).to_have_count(13)  # the header and twelve months
    assert_accessible(page)

    # The table scrolls in its own box at 320 px, and that box is reached by keyboard.
    page.set_viewport_size({"width": 320, "height": 800})
    region = page.get_by_role("region", name="Verhuizing: cijfers per maand")
    region.focus()
    page.keyboard.press("ArrowRight")
    expect(region).to_be_focused()

    catalogue = json.loads(page.request.get(live_url + "/open-data/catalogus.jsonld").text())
    downloads = [d["dcat:downloadURL"]["@id"] for s in catalogue["dcat:dataset"] for d in s["dcat:distribution"]]
    assert len(downloads) == 4 and all(page.request.get(url).ok for url in downloads)


def test_without_javascript_the_figures_are_all_there(browser, request, live_url):
    page, _problems = _new_page(browser, request, java_script_enabled=False, viewport={"width": 320, "height": 800})
    page.goto(live_url + "/open-data/")
    expect(page.get_by_role("table", name="Uittreksel BRP: cijfers per maand")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("link", name="Catalogus (JSON-LD, DCAT-AP-NL)")).to_be_visible()


def test_a_resident_rates_a_closed_case_and_the_handler_reads_it(page, browser, request, live_url, staff_login):
    page.goto(live_url + "/mijn/zaken/")
    _press(page, page.get_by_role("link", name="Inloggen met DigiD"))
    page.get_by_label("Jan Willem de Vries", exact=False).focus()
    page.keyboard.press("Space")
    _press(page, page.get_by_role("button", name="Inloggen"))
    _press(page, page.get_by_role("link", name="Uittreksel BRP").first)
    expect(page.get_by_role("heading", name="Hoe ging het?")).to_be_visible(timeout=TIMEOUT)
    assert_accessible(page)

    page.get_by_label("Wilt u nog iets kwijt? (niet verplicht)").fill("Snel klaar. Bel gerust: 06-12345678")
    _press(page, page.get_by_role("button", name="Antwoord versturen"))
    expect(page.get_by_role("alert")).to_contain_text("Kies hoe tevreden u bent.", timeout=TIMEOUT)
    expect(page.get_by_label("Wilt u nog iets kwijt? (niet verplicht)")).to_have_value(
        "Snel klaar. Bel gerust: 06-12345678"
    )
    assert_accessible(page)
    page.get_by_label("Tevreden", exact=True).focus()
    page.keyboard.press("Space")
    _press(page, page.get_by_role("button", name="Antwoord versturen"))
    expect(page.get_by_text("Bedankt voor uw antwoord.")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Hoe ging het?")).to_have_count(0)

    staff, _problems = _new_page(browser, request)
    staff_login(staff, "medewerker-burgerzaken")
    _press(staff, staff.locator(".sidebar-main-menu").get_by_role("link", name="Zo doen we het"))
    expect(staff.get_by_role("heading", level=1)).to_have_text("Zo doen we het", timeout=TIMEOUT)
    expect(staff.get_by_text("Snel klaar. Bel gerust: [telefoonnummer]")).to_be_visible()
    assert_admin_accessible(staff)
    staff.set_viewport_size({"width": 320, "height": 800})
    expect(staff.get_by_role("table", name="Cijfers per team per maand")).to_be_attached()
    assert_admin_accessible(staff)
