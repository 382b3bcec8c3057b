"""A parent acts for their child: Jan logs in with DigiD, chooses to act for his daughter Lieke (custody from the
BRP), sees her Mijn Loket under a banner, books an ID card appointment for her by keyboard, is refused his own
pages while acting, and goes back to himself. axe (and the 320 px reflow check) on every page on the way."""

import re

from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible


def _press(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name, exact=True).focus()
    page.keyboard.press("Enter")


def _log_in_as_jan(page, live_url) -> None:
    page.goto(live_url + "/mijn/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_label("Jan Willem de Vries").check()
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Loket")


def test_a_parent_books_an_id_card_appointment_for_their_child_by_keyboard(page, live_url):
    _log_in_as_jan(page, live_url)
    _press(page, "link", "Namens uw kind handelen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Namens uw kind handelen")
    expect(page.get_by_role("button", name="Handelen namens Tim de Vries")).to_be_visible()
    assert_accessible(page)

    _press(page, "button", "Handelen namens Lieke de Vries")
    banner = page.get_by_role("region", name="Namens wie u handelt")
    expect(banner).to_contain_text("U handelt namens Lieke de Vries")
    expect(page.get_by_text("U handelt nu namens Lieke de Vries.")).to_be_visible()
    assert_accessible(page)

    _press(page, "link", "Een afspraak maken voor Lieke de Vries")
    expect(page.get_by_text("Stap 1 van 5")).to_be_visible()
    expect(page.get_by_label("Paspoort aanvragen")).to_have_count(0)
    page.get_by_label("ID-kaart aanvragen").focus()
    page.keyboard.press("Space")
    expect(banner).to_be_visible()
    assert_accessible(page)
    _press(page, "button", "Volgende")
    expect(page.get_by_text("Stap 2 van 5")).to_be_visible()
    _press(page, "button", "Volgende")
    expect(page.get_by_text("Stap 3 van 5")).to_be_visible()
    page.locator(".loket-calendar__day--free a").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Stap 4 van 5")).to_be_visible()
    _press(page, "button", "Volgende")
    expect(page.get_by_text("Stap 5 van 5")).to_be_visible()
    expect(page.get_by_label("Naam")).to_have_value("Lieke de Vries")
    assert_accessible(page)
    email = page.get_by_label("E-mailadres")
    if not email.input_value():
        email.focus()
        page.keyboard.type("jan.de.vries@example.org")
    _press(page, "button", "Afspraak maken")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw afspraak")
    assert_accessible(page)

    page.goto(live_url + "/mijn/")
    expect(page.get_by_role("heading", name="Afspraken")).to_be_visible()
    expect(page.locator("main")).to_contain_text("ID-kaart aanvragen")

    page.goto(live_url + "/mijn/zaken/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit regelt u niet namens Lieke de Vries")
    assert_accessible(page)
    page.locator("main").get_by_role("button", name="Terug naar uzelf").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("U handelt weer voor uzelf.")).to_be_visible()
    expect(page.get_by_role("region", name="Namens wie u handelt")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("ID-kaart aanvragen")
    assert_accessible(page)


def test_acting_for_a_child_without_javascript(page_without_js, live_url):
    """Text checks only: axe needs scripts (see tests/e2e/a11y.py)."""
    page = page_without_js
    _log_in_as_jan(page, live_url)
    page.get_by_role("link", name="Namens uw kind handelen").click()
    page.get_by_role("button", name="Handelen namens Tim de Vries").click()
    expect(page.get_by_role("region", name="Namens wie u handelt")).to_contain_text("U handelt namens Tim de Vries")
    page.goto(live_url + "/mijn/berichten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit regelt u niet namens Tim de Vries")
    page.get_by_role("region", name="Namens wie u handelt").get_by_role("button", name="Terug naar uzelf").click()
    expect(page.get_by_text("U handelt weer voor uzelf.")).to_be_visible()


def test_someone_authorised_with_digid_machtigen_applies_for_their_neighbour_by_keyboard(page, live_url):
    """Fatima El Amrani is authorised by her neighbour Mien Smit (84) in DigiD Machtigen for bijzondere bijstand:
    she logs in with her own DigiD, chooses Mien, and files the form for her, prefilled with Mien's data."""
    page.goto(live_url + "/formulieren/bijzondere-bijstand/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    assert_accessible(page)
    _press(page, "link", "Inloggen met DigiD Machtigen")
    expect(page.get_by_text("DigiD Machtigen: log in met uw eigen DigiD.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile("^Fatima El Amrani")).focus()
    page.keyboard.press("Space")
    _press(page, "button", "Inloggen")

    expect(page.get_by_role("heading", level=1)).to_have_text("DigiD Machtigen: namens wie handelt u?")
    _press(page, "button", "Verder")
    expect(page.get_by_text("Kies voor wie u handelt.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Wilhelmina Smit — DigiD Machtigen").focus()
    page.keyboard.press("Space")
    _press(page, "button", "Verder")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Bijzondere bijstand aanvragen")
    banner = page.get_by_role("region", name="Namens wie u handelt")
    expect(banner).to_contain_text("U handelt namens Wilhelmina Smit (DigiD Machtigen)")
    expect(page.locator("main")).to_contain_text("Wilhelmina Smit")
    assert_accessible(page)
    _press(page, "button", "Volgende")
    page.get_by_label("Waarvoor zijn de kosten?").focus()
    page.keyboard.type("Een nieuwe wasmachine")
    page.get_by_label("Bedrag").focus()
    page.keyboard.type("450")
    page.get_by_label("IBAN waarop we de bijstand betalen").focus()
    page.keyboard.type("NL91ABNA0417164300")
    _press(page, "button", "Volgende")
    expect(page.get_by_role("heading", name="Controleer uw antwoorden")).to_be_visible()
    page.get_by_role("checkbox").focus()
    page.keyboard.press("Space")
    _press(page, "button", "Versturen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanvraag is verstuurd")
    assert_accessible(page)

    page.goto(live_url + "/mijn/")
    expect(page.locator("main")).to_contain_text("U handelt namens Wilhelmina Smit, op grond van DigiD Machtigen")
    assert_accessible(page)
    page.goto(live_url + "/formulieren/uittreksel-brp/")
    expect(page.locator("main")).to_contain_text("Uw machtiging geldt voor een andere dienst dan dit formulier")
    assert_accessible(page)
    page.locator("main").get_by_role("button", name="Terug naar uzelf").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("U handelt weer voor uzelf.")).to_be_visible()


def test_a_bewindvoerder_applies_for_a_client_without_javascript(page_without_js, live_url):
    """Text checks only: axe needs scripts (see tests/e2e/a11y.py)."""
    page = page_without_js
    page.goto(live_url + "/formulieren/bijzondere-bijstand/")
    page.get_by_role("link", name="Inloggen met eHerkenning bewindvoering").click()
    page.get_by_label(re.compile("^Bewindvoering Voorbeeldstad B.V.")).check()
    page.get_by_label("Uw e-mailadres als medewerker").fill("anna@bewind.example")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("eHerkenning bewindvoering: kies uw cliënt")
    page.get_by_label("Kees Mulder — bewindvoering").check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("region", name="Namens wie u handelt")).to_contain_text("Kees Mulder (bewindvoering)")
    expect(page.locator("main")).to_contain_text("Kees Mulder")
