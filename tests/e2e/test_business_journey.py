"""A business with eHerkenning: an employee of Fietsenmaker Bakker logs in at the stand-in broker by keyboard,
files the terrace permit with what the KvK knows already filled in, finds it in the company's Mijn Loket, and is
told plainly which pages are a person's. The case handler of the team then sees the company as the applicant.
axe (and the 320 px reflow check) on every page on the way."""

from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible, assert_admin_accessible


def _press(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name, exact=True).focus()
    page.keyboard.press("Enter")


def _type(page, label: str, text: str) -> None:
    page.get_by_label(label, exact=True).focus()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)


def test_a_business_files_the_terrace_permit_with_eherkenning_by_keyboard(page, live_url, staff_login):
    page.goto(live_url + "/producten-en-diensten/terrasvergunning/")
    assert_accessible(page)
    page.goto(live_url + "/formulieren/terrasvergunning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    expect(page.get_by_role("link", name="Inloggen met DigiD")).to_have_count(0)
    assert_accessible(page)
    _press(page, "link", "Inloggen met eHerkenning")

    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen met eHerkenning")
    assert_accessible(page)
    page.get_by_label("Fietsenmaker Bakker — Eenmanszaak (90000001)").focus()
    page.keyboard.press("Space")
    _type(page, "Uw e-mailadres als medewerker", "els@bakker.example")
    page.get_by_label("eHerkenning niveau 2+ (eH2+)").focus()
    page.keyboard.press("Space")
    _press(page, "button", "Inloggen")
    expect(page.get_by_text("Deze dienst vraagt minstens: eHerkenning niveau 3 (eH3).").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("eHerkenning niveau 3 (eH3)").focus()
    page.keyboard.press("Space")
    _press(page, "button", "Inloggen")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Terrasvergunning aanvragen")
    expect(page.get_by_label("Naam van het bedrijf")).to_have_count(0)  # read-only: shown, not asked
    expect(page.locator("main")).to_contain_text("Fietsenmaker Bakker")
    expect(page.locator("main")).to_contain_text("90000001")
    assert_accessible(page)
    _type(page, "E-mailadres voor vragen over de aanvraag", "info@bakker.example")
    _press(page, "button", "Volgende")
    expect(page.get_by_role("heading", name="Het terras")).to_be_visible()
    _type(page, "Oppervlakte van het terras (m²)", "0")
    _press(page, "button", "Volgende")
    expect(page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    assert_accessible(page)
    _type(page, "Oppervlakte van het terras (m²)", "24")
    page.get_by_label("Het hele jaar").focus()
    page.keyboard.press("Space")
    _press(page, "button", "Volgende")
    expect(page.get_by_role("heading", name="Controleer uw antwoorden")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("checkbox").focus()
    page.keyboard.press("Space")
    _press(page, "button", "Versturen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanvraag is verstuurd")
    assert_accessible(page)

    page.goto(live_url + "/mijn/")
    expect(page.locator("main")).to_contain_text("Fietsenmaker Bakker (KvK-nummer 90000001)")
    expect(page.locator("main")).to_contain_text("Terrasvergunning aanvragen")
    expect(page.get_by_role("heading", name="Afspraken")).to_have_count(0)
    assert_accessible(page)

    page.goto(live_url + "/mijn/gegevens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina is voor inwoners")
    assert_accessible(page)
    page.goto(live_url + "/formulieren/verhuizing/")
    expect(page.locator("main")).to_contain_text("Dit formulier is voor inwoners")
    assert_accessible(page)
    _press(page, "link", "Naar Mijn Loket")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Loket")

    staff = page.context.browser.new_page()
    staff_login(staff, "medewerker-openbare-ruimte")
    staff.goto(live_url + "/cms/zaken/")
    staff.get_by_role("row").filter(has_text="Terrasvergunning").get_by_role("link").first.click()
    expect(staff.locator("main")).to_contain_text("Fietsenmaker Bakker")
    expect(staff.locator("main")).to_contain_text("bedrijf, KvK-nummer 90000001")
    assert_admin_accessible(staff)
    staff.close()


def test_eherkenning_without_javascript(page_without_js, live_url):
    """Text checks only: axe needs scripts (see tests/e2e/a11y.py)."""
    page = page_without_js
    page.goto(live_url + "/inloggen/?next=/mijn/")
    page.get_by_role("link", name="Inloggen met eHerkenning").click()
    page.get_by_label("Voorbeeldstad Bouw B.V. — Besloten Vennootschap (90000002)").check()
    page.get_by_label("Vestigingsnummer (alleen als uw machtiging voor één vestiging geldt)").fill("000090000003")
    page.get_by_label("Uw e-mailadres als medewerker").fill("kees@bouw.example")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Loket")
    expect(page.locator("main")).to_contain_text("Uw machtiging geldt voor vestiging 000090000003.")
    page.goto(live_url + "/mijn/namens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze pagina is voor inwoners")
