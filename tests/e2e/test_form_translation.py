"""Editors translate side by side (issue 22): a form from its edit screen, a case type from the overview of what
lacks English; the Dutch texts beside the English boxes, with the keyboard, at 320 px and without JavaScript."""

import re

from playwright.sync_api import expect

from tests.e2e.a11y import assert_admin_accessible
from tests.e2e.test_english_site import _press

ASSISTANCE = "Bijzondere bijstand aanvragen"


def _translate_screen(page, live_url) -> None:
    page.goto(live_url + "/cms/snippets/forms_engine/formdefinition/")
    page.get_by_role("link", name=ASSISTANCE, exact=True).click()
    page.get_by_role("button", name="Acties", exact=True).click()
    page.get_by_role("link", name="Vertalen: English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{ASSISTANCE} vertalen: English")


def _retype_and_save(page, label: str, was: str, text: str) -> None:
    """Into the box, everything selected and typed over, Enter: a box of one line sends the form, as any form does."""
    box = page.get_by_label(label)
    expect(box).to_have_value(was)
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(page.get_by_text("is opgeslagen")).to_be_visible()
    expect(page.get_by_label(label)).to_have_value(text)
    assert_admin_accessible(page)


def _at_320_pixels(page) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    assert_admin_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the screen scrolls sideways at 320 px ({width} px)"
    title = page.get_by_role("heading", level=1)
    fits = "h => h.scrollWidth <= h.clientWidth && h.getBoundingClientRect().right <= window.innerWidth"
    assert title.evaluate(fits), "no word of the title is cut off at 320 px"


def test_an_editor_translates_a_form_with_the_keyboard(page, live_url, staff_login):
    staff_login(page, "redacteur")
    _translate_screen(page, live_url)
    expect(page.get_by_text("Nog 0 teksten zonder vertaling")).to_be_visible()
    expect(page.locator("p[lang=nl]").filter(has_text=re.compile(r"^Nederlands: Bedrag$"))).to_have_count(1)
    assert_admin_accessible(page)

    _retype_and_save(page, "Vraag ‘bedrag’, English", "Amount", "Amount in euros")
    _at_320_pixels(page)


def test_an_editor_translates_a_form_without_javascript(page_without_js, live_url, staff_login):
    page = page_without_js
    staff_login(page, "redacteur")
    # Wagtail's menus need JavaScript: the editor follows the form's link and types the screen's address.
    page.goto(live_url + "/cms/snippets/forms_engine/formdefinition/")
    edit = page.get_by_role("link", name=ASSISTANCE, exact=True).get_attribute("href")
    form_id = re.search(r"/edit/(\d+)/", edit).group(1)
    page.goto(f"{live_url}/cms/formulieren/vertalen/{form_id}/en/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{ASSISTANCE} vertalen: English")
    hint = page.get_by_label("Vraag ‘iban’, English")
    hint.fill("IBAN to pay the assistance to")
    page.get_by_role("button", name="Vertaling opslaan").click()
    expect(page.get_by_text("is opgeslagen")).to_be_visible()
    expect(page.get_by_label("Vraag ‘iban’, English")).to_have_value("IBAN to pay the assistance to")


def test_an_editor_finds_what_lacks_english_and_translates_a_case_type_with_the_keyboard(page, live_url, staff_login):
    """From the admin's menu to the overview of what lacks English, then one case type's texts beside its Dutch."""
    staff_login(page, "redacteur")
    _press(page, page.get_by_role("link", name="Vertalingen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vertalingen: English")
    pages = page.get_by_role("region", name="Pagina's")
    expect(pages.get_by_role("row", name=re.compile("^WOZ-waarde en bezwaar"))).to_contain_text("Nog geen versie")
    expect(page.get_by_role("region", name="Zaaktypen")).to_contain_text("Alles is vertaald.")
    assert_admin_accessible(page)
    _at_320_pixels(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    _press(page, page.get_by_role("link", name="Ook tonen wat al vertaald is"))
    case_types = page.get_by_role("region", name="Zaaktypen")
    wedding = "Melding voorgenomen huwelijk"  # a long word in the title, which must not be cut off at 320 px
    expect(case_types.get_by_role("row", name=re.compile(f"^{wedding}"))).to_contain_text("Alles vertaald")
    _press(page, case_types.get_by_role("link", name=f"Vertalen {wedding}", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{wedding} vertalen: English")
    assert_admin_accessible(page)
    _retype_and_save(page, "Status 2: naam, English", "Waiting for your partner", "Waiting for your partner's reply")
    _at_320_pixels(page)


def test_the_overview_and_a_case_type_work_without_javascript(page_without_js, live_url, staff_login):
    page = page_without_js
    staff_login(page, "redacteur")
    page.goto(live_url + "/cms/vertalingen/")
    page.get_by_role("link", name="Ook tonen wat al vertaald is").click()
    page.get_by_role("region", name="Zaaktypen").get_by_role("link", name="Vertalen Uittreksel BRP", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uittreksel BRP vertalen: English")
    page.get_by_role("button", name="Vertaling opslaan").click()
    expect(page.get_by_text("is opgeslagen")).to_be_visible()
