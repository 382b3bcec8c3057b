"""A resident moves house online with the keyboard: from the service page, through DigiD, four steps (one skipped
by the form's logic, one question shown live by an answer), check-your-answers with a change, to the reference.
axe checks every page on the way, the error states too."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible

# Also run on the embedded defaults (SQLite, database task worker) in CI's SQLite pass.
pytestmark = pytest.mark.embedded

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _type(page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _choose(page, label: str, *, exact=True) -> None:
    page.get_by_label(label, exact=exact).focus()
    page.keyboard.press("Space")


def test_moving_house_online_with_the_keyboard(page, live_url, tmp_path):
    page.goto(live_url + "/producten-en-diensten/verhuizing-doorgeven/")
    page.get_by_role("link", name="Regel het online").focus()
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Inloggen met DigiD").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen met DigiD")
    _choose(page, "Jan Willem de Vries", exact=False)
    page.get_by_role("button", name="Inloggen", exact=True).focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Stap 1 van ten hoogste 5")).to_be_visible()
    expect(page.get_by_text("Jan Willem de Vries")).to_be_visible()
    expect(page.get_by_text("Dit weten we al van u").first).to_be_visible()
    expect(page.get_by_label("Geboortedatum")).to_have_count(0)  # known, so not asked
    assert_accessible(page)
    _type(page, "E-mailadres", "geen-adres")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("geldig e-mailadres")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    _type(page, "E-mailadres", "jan@example.org")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Stap 2 van ten hoogste 5")).to_be_visible()
    assert_accessible(page)
    _type(page, "Postcode", "1235AC")
    _type(page, "Huisnummer", "1")
    _type(page, "Dag", "1")
    _type(page, "Maand", "12")
    _type(page, "Jaar", "2026")
    _choose(page, "Nee")
    page.get_by_role("button", name="Volgende").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Stap 3 van 4")).to_be_visible()  # nobody moves along: that step is skipped
    expect(page.get_by_label("Naam van de hoofdbewoner")).to_be_hidden()
    _choose(page, "Bij iemand in")
    expect(page.get_by_label("Naam van de hoofdbewoner")).to_be_visible()
    assert_accessible(page)
    _choose(page, "Huurwoning")
    expect(page.get_by_label("Naam van de hoofdbewoner")).to_be_hidden()
    contract = Path(tmp_path) / "huurcontract.pdf"
    contract.write_bytes(PDF)
    page.get_by_label("Huurcontract, koopakte of toestemming van de hoofdbewoner").set_input_files(str(contract))
    page.get_by_role("button", name="Volgende").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Controleer uw antwoorden")
    expect(page.get_by_text("1 december 2026")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Wijzig Uw nieuwe adres").focus()
    page.keyboard.press("Enter")
    _type(page, "Dag", "2")
    page.get_by_role("button", name="Volgende").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("2 december 2026")).to_be_visible()  # straight back to the summary
    _choose(page, "Ik heb deze gegevens naar waarheid ingevuld.")
    page.get_by_role("button", name="Versturen").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanvraag is verstuurd")
    reference = page.locator(".loket-reference").inner_text()
    assert reference.startswith("LK-") and len(reference) == 12
    assert_accessible(page)
