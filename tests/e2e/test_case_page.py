"""The case handler's page as a case handler works it: tabs by keyboard, an action that keeps its tab, axe on
every tab, no sideways scrolling at 320 px, and every section (with its forms) there without JavaScript."""

import re

from playwright.sync_api import expect

from tests.e2e.a11y import assert_admin_accessible
from tests.e2e.conftest import _new_page

HANDLER = "medewerker-werk-en-inkomen"  # the demo's Bijzondere bijstand case of Jan de Vries is theirs
SECTIONS = ["Geschiedenis", "Documenten toevoegen", "Status wijzigen", "Interne notitie toevoegen"]


def _open_the_case(page):
    page.locator(".sidebar-main-menu").get_by_role("link", name="Zaken").focus()
    page.keyboard.press("Enter")
    page.get_by_role("link", name=re.compile("^ZAAK-")).first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("ZAAK-")


def test_a_case_handler_works_the_case_page_by_keyboard(page, live_url, staff_login):
    staff_login(page, HANDLER)
    _open_the_case(page)
    expect(page.get_by_text("Jan Willem de Vries")).to_be_visible()
    expect(page.get_by_role("heading", name="Geschiedenis")).to_be_visible()
    expect(page.get_by_role("heading", name="Status wijzigen")).to_be_hidden()
    assert_admin_accessible(page)

    page.get_by_role("tab", name="Verloop").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Documenten")).to_have_attribute("aria-selected", "true")
    assert_admin_accessible(page)
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("heading", name="Status wijzigen")).to_be_visible()
    assert_admin_accessible(page)

    note_form = page.locator("form").filter(has=page.locator("input[name=action][value=note]"))
    note_form.get_by_label("Interne notitie").focus()
    page.keyboard.type("Gebeld: loonstrook volgt deze week.")
    page.get_by_role("button", name="Notitie opslaan").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("De notitie is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("tab", name="Behandelen")).to_have_attribute("aria-selected", "true")
    page.get_by_role("tab", name="Verloop").click()
    expect(page.get_by_text("Gebeld: loonstrook volgt deze week.")).to_be_visible()

    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_without_javascript_every_section_of_the_case_page_is_there(browser, request, live_url, staff_login):
    page, problems = _new_page(browser, request, java_script_enabled=False)
    staff_login(page, HANDLER)
    page.goto(live_url + "/cms/zaken/")
    page.get_by_role("link", name=re.compile("^ZAAK-")).first.click()
    for heading in SECTIONS:
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("button", name="Status opslaan")).to_be_visible()
    assert problems.items == []
