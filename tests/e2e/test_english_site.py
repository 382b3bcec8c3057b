"""An English-speaking resident on the public site (issue 22): the switch, pages with their own English version,
a page that is Dutch only (marked, with one notice), the switch back to the same page; with the keyboard, at
320 px and without JavaScript. An editor writes a page's English version with Wagtail's "Translate"."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import AXE_OPTIONS, _axe, assert_accessible
from tests.e2e.conftest import manage
from tests.e2e.mailbox import mail_to
from tests.e2e.test_admin_screens import WAGTAIL_EDIT_FINDINGS
from tests.e2e.test_form_journey import _choose, _type

DUTCH_ONLY = "/en/producten-en-diensten/woz-waarde/"


def _press(page, locator) -> None:
    locator.focus()
    page.keyboard.press("Enter")


def test_an_english_reader_goes_through_the_site_with_the_keyboard(page, live_url):
    page.goto(live_url + "/")
    _press(page, page.get_by_role("button", name="English"))
    expect(page).to_have_url(live_url + "/en/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to the Municipality of Voorbeeldstad")
    assert_accessible(page)

    _press(page, page.get_by_role("link", name="Passport or ID card"))
    expect(page).to_have_url(live_url + "/en/services/passport/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for a passport")
    expect(page.locator(".loket-language-notice")).to_have_count(0)
    assert_accessible(page)

    _press(page, page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Products and services"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Products and services")
    assert_accessible(page)
    _press(page, page.get_by_role("link", name="WOZ-waarde en bezwaar"))
    expect(page).to_have_url(live_url + DUTCH_ONLY)
    expect(page.get_by_role("note")).to_have_text("This page is only available in Dutch.")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", name="Costs")).to_be_visible()
    assert_accessible(page)

    _press(page, page.get_by_role("button", name="Nederlands"))
    expect(page).to_have_url(live_url + "/producten-en-diensten/woz-waarde/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("note")).to_have_count(0)


@pytest.mark.parametrize("path", ["/en/", "/en/services/", DUTCH_ONLY])
def test_english_pages_fit_a_320_pixel_screen(browser, request, live_url, path):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="en-GB")
    request.addfinalizer(context.close)
    page = context.new_page()
    page.goto(live_url + path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)


def test_the_switch_keeps_the_page_without_javascript(page_without_js, live_url):
    page = page_without_js
    page.goto(live_url + "/producten-en-diensten/verhuizing-doorgeven/")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(live_url + "/en/services/moving-house/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a move")
    page.get_by_role("link", name="Arrange it online").click()
    # The form asks for DigiD first, in English, and returns to the form's English address.
    expect(page).to_have_url(re.compile(r"/inloggen/\?next=%2Fen%2Fservices%2Fmoving-house%2Fapply%2F"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Nederlands").click()
    expect(page).to_have_url(re.compile(r"/inloggen/\?next=%2Fen%2Fservices%2Fmoving-house%2Fapply%2F"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_an_editor_writes_a_page_s_english_version(page, live_url, staff_login):
    staff_login(page, "redacteur")
    page.goto(live_url + "/cms/pages/search/?q=Geboorteaangifte")
    page.get_by_role("link", name="Geboorteaangifte doen").first.click()
    page.get_by_role("button", name="Acties", exact=True).click()
    page.get_by_role("link", name="Vertaal").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vertaal")
    findings = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert [finding["id"] for finding in findings if finding["id"] not in WAGTAIL_EDIT_FINDINGS] == []
    page.get_by_label("English").check()
    page.get_by_role("button", name="Versturen").click()

    title = page.locator("#id_title")
    expect(title).to_have_value("Geboorteaangifte doen")
    title.fill("Register a birth")
    page.locator("#id_intro").fill("Has your child been born? Register the birth within 3 days.")
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("is gepubliceerd")).to_be_visible()

    page.goto(live_url + "/en/producten-en-diensten/geboorteaangifte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register a birth")
    expect(page.locator(".loket-language-notice")).to_have_count(0)
    page.get_by_role("button", name="Nederlands").click()
    expect(page).to_have_url(live_url + "/producten-en-diensten/geboorteaangifte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geboorteaangifte doen")


YILMAZ = "999900055"


@pytest.fixture
def english_resident(e2e_env):
    """The login stores the English the resident reads in on their account (auth.views.remember_language); the
    journeys share one database, so the account's language is put back afterwards, whatever the journey's end."""
    yield "Mohamed Yilmaz"
    manage(
        e2e_env,
        "shell",
        "-c",
        "from auth.services import resident_get_or_create\n"
        f"resident = resident_get_or_create(bsn='{YILMAZ}')\n"
        "resident.language = ''\n"
        "resident.save(update_fields=['language'])",
    )


def test_moving_house_in_english_with_the_keyboard(page, live_url, tmp_path, english_resident):
    """The moving form in English (the demo ships its English texts), from the English service page through DigiD
    to the reference: English questions and answers, the same values stored as in Dutch; axe on every page."""
    page.goto(live_url + "/en/services/moving-house/")
    _press(page, page.get_by_role("link", name="Arrange it online"))
    _press(page, page.get_by_role("link", name="Log in with DigiD"))
    _choose(page, english_resident, exact=False)
    _press(page, page.get_by_role("button", name="Log in", exact=True))

    expect(page).to_have_url(re.compile(r"/en/services/moving-house/apply/"))
    expect(page.get_by_text("Step 1 of at most 5")).to_be_visible()
    expect(page.get_by_text("We already know this about you").first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a change of address About you")
    expect(page.get_by_label("Email address")).to_have_attribute("type", "email")
    expect(page.locator("main [lang=nl]")).to_have_count(0)
    assert_accessible(page)
    _type(page, "Email address", "jan@example.org")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Step 2 of at most 5")).to_be_visible()
    assert_accessible(page)
    _type(page, "Postcode", "1235AC")
    _type(page, "House number", "1")
    _type(page, "Day", "1")
    _type(page, "Month", "12")
    _type(page, "Year", "2026")
    _choose(page, "No")
    _press(page, page.get_by_role("button", name="Next"))

    expect(page.get_by_text("Step 3 of 4")).to_be_visible()
    _choose(page, "A rented home")
    contract = tmp_path / "rental-contract.pdf"
    contract.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.get_by_label("Rental contract, deed of purchase or the main occupant's permission").set_input_files(
        str(contract)
    )
    assert_accessible(page)
    _press(page, page.get_by_role("button", name="Next"))

    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    expect(page.get_by_text("1 December 2026")).to_be_visible()
    expect(page.get_by_text("A rented home")).to_be_visible()
    assert_accessible(page)
    _choose(page, "I have filled in these details truthfully.")
    _press(page, page.get_by_role("button", name="Send"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Your request has been sent")
    assert page.locator(".loket-reference").inner_text().startswith("LK-")
    expect(page.get_by_text("We will process your move within 5 working days.")).to_be_visible()
    assert_accessible(page)


def test_a_passport_appointment_in_english_with_the_keyboard(page, live_url, mail_dir):
    """From the English passport page to the confirmation and its mail, every product and location named in
    English; axe on every page."""
    page.goto(live_url + "/en/services/passport/")
    _press(page, page.get_by_role("link", name="Make an appointment"))
    expect(page.get_by_text("Step 1 of 5")).to_be_visible()
    expect(page.get_by_label("Apply for a passport")).to_be_checked()
    expect(page.get_by_label("Collect your driving licence")).not_to_be_checked()
    assert_accessible(page)
    _press(page, page.get_by_role("button", name="Next"))

    expect(page.get_by_text("Step 2 of 5")).to_be_visible()
    expect(page.get_by_label("City Hall")).to_be_checked()
    assert_accessible(page)
    _press(page, page.get_by_role("button", name="Next"))

    expect(page.get_by_text("Step 3 of 5")).to_be_visible()
    assert_accessible(page)
    _press(page, page.locator(".loket-calendar__day--free a").first)

    expect(page.get_by_text("Step 4 of 5")).to_be_visible()
    assert_accessible(page)
    _press(page, page.get_by_role("button", name="Next"))

    expect(page.get_by_text("Step 5 of 5")).to_be_visible()
    expect(page.get_by_text("Bring for Apply for a passport:")).to_be_visible()
    assert_accessible(page)
    _type(page, "Name", "Sam Smith")
    _type(page, "Email address", "sam.smith@example.org")
    _press(page, page.get_by_role("button", name="Book an appointment"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Your appointment")
    expect(page.get_by_text("Apply for a passport").first).to_be_visible()
    expect(page.get_by_text("City Hall").first).to_be_visible()
    assert_accessible(page)

    mail = mail_to(mail_dir, "sam.smith@example.org", "Your appointment has been booked")
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Apply for a passport" in body and "City Hall" in body
