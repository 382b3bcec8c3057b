"""The counter fills in a form for a resident: a Burgerzaken employee finds Jan by his BSN, fills in the BRP
extract for him (prefilled from his BRP data) by keyboard, and Jan then reads in his own Mijn Loket that the
municipality filled it in for him at the counter. axe on every page on the way."""

from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible, assert_admin_accessible


def _press(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name, exact=True).focus()
    page.keyboard.press("Enter")


def test_a_counter_employee_fills_in_a_form_for_a_resident_who_then_sees_it(page, live_url, staff_login):
    staff_login(page, "medewerker-burgerzaken")
    page.get_by_role("link", name="Invullen namens inwoner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Invullen namens een inwoner")
    assert_admin_accessible(page)
    page.get_by_label("Burgerservicenummer van de inwoner").focus()
    page.keyboard.type("999900006")
    page.get_by_label("Formulier", exact=True).select_option(label="Uittreksel BRP aanvragen")
    page.get_by_label("aan de balie").focus()
    page.keyboard.press("Space")
    page.get_by_label("Reden").focus()
    page.keyboard.type("Uittreksel aan de balie")
    _press(page, "button", "Verder")

    banner = page.get_by_role("region", name="Namens wie u invult")
    expect(banner).to_contain_text("U vult in namens Jan Willem de Vries, aan de balie")
    expect(page.locator("main")).to_contain_text("Jan Willem de Vries")
    assert_accessible(page)
    page.get_by_label("Soort uittreksel").select_option("Standaard")
    page.get_by_label("Aantal exemplaren").focus()
    page.keyboard.type("1")
    _press(page, "button", "Volgende")
    expect(page.get_by_role("heading", name="Terugbetaling")).to_be_visible()
    _press(page, "button", "Volgende")
    expect(page.get_by_role("heading", name="Controleer uw antwoorden")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("checkbox").focus()
    page.keyboard.press("Space")
    _press(page, "button", "Versturen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanvraag is verstuurd")
    assert_accessible(page)

    resident = page.context.browser.new_page()
    resident.goto(live_url + "/mijn/")
    resident.get_by_role("link", name="Inloggen met DigiD").click()
    resident.get_by_label("Jan Willem de Vries").check()
    resident.get_by_role("button", name="Inloggen", exact=True).click()
    expect(resident.get_by_role("heading", level=1)).to_have_text("Mijn Loket")
    expect(resident.locator("main")).to_contain_text("ingevuld door de gemeente namens u, via de balie")
    assert_accessible(resident)
    resident.close()


def test_the_counter_page_without_javascript(page_without_js, live_url, staff_login):
    page = page_without_js
    staff_login(page, "medewerker-burgerzaken")
    page.goto(live_url + "/cms/namens-inwoner/")
    page.get_by_label("Burgerservicenummer van de inwoner").fill("123456789")
    page.get_by_label("Reden").fill("Telefoontje")
    page.get_by_label("aan de telefoon").check()
    page.get_by_role("button", name="Verder").click()
    expect(page.locator("main")).to_contain_text("Dit is geen geldig burgerservicenummer.")


def test_a_resident_hands_a_draft_to_the_phone_and_staff_finish_it(page, live_url, staff_login):
    page.goto(live_url + "/formulieren/uittreksel-brp/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_label("Fatima El Amrani").check()
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.get_by_label("Soort uittreksel").select_option("Internationaal")
    page.get_by_label("Aantal exemplaren").fill("1")
    page.get_by_label("Waarvoor heeft u het nodig?").fill("Voor een werkgever in Duitsland")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", name="Terugbetaling")).to_be_visible()
    page.goto(live_url + "/mijn/")
    _press(page, "link", "Hulp nodig? Laat de gemeente het afmaken (Uittreksel BRP aanvragen)")
    expect(page.get_by_role("heading", level=1)).to_have_text("Laat de gemeente het afmaken")
    assert_accessible(page)
    _press(page, "button", "Code maken")
    code = page.locator(".loket-handover-code").inner_text().replace(" ", "")
    assert len(code) == 6
    assert_accessible(page)

    staff = page.context.browser.new_page()
    staff_login(staff, "medewerker-burgerzaken")
    staff.goto(live_url + "/cms/namens-inwoner/")
    staff.get_by_label("Of: de code van een concept dat de inwoner aan u overdraagt").fill(code.lower())
    staff.get_by_label("aan de telefoon").check()
    staff.get_by_label("Reden").fill("Belde over haar uittreksel")
    staff.get_by_role("button", name="Verder").click()
    expect(staff.get_by_role("region", name="Namens wie u invult")).to_contain_text("Fatima El Amrani")
    expect(staff.get_by_role("heading", name="Terugbetaling")).to_be_visible()
    staff.get_by_role("button", name="Volgende").click()
    expect(staff.locator("main")).to_contain_text("Voor een werkgever in Duitsland")
    staff.get_by_role("checkbox").check()
    staff.get_by_role("button", name="Versturen").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Uw aanvraag is verstuurd")
    staff.close()

    page.goto(live_url + "/mijn/")
    expect(page.locator("main")).to_contain_text("ingevuld door de gemeente namens u, via de telefoon")
    expect(page.locator("main")).not_to_contain_text("Maak uw aanvraag af: Uittreksel BRP aanvragen")


def test_a_counter_employee_books_an_appointment_for_a_resident_by_keyboard(page, live_url, staff_login):
    staff_login(page, "medewerker-burgerzaken")
    page.goto(live_url + "/cms/namens-inwoner/")
    page.get_by_label("Een afspraak maken").focus()
    page.keyboard.press("Space")
    page.get_by_label("Burgerservicenummer van de inwoner").focus()
    page.keyboard.type("999900006")
    page.get_by_label("aan de telefoon").focus()
    page.keyboard.press("Space")
    page.get_by_label("Reden").focus()
    page.keyboard.type("Belt voor een afspraak voor zijn paspoort")
    _press(page, "button", "Verder")

    banner = page.get_by_role("region", name="Namens wie u invult")
    expect(banner).to_contain_text("U vult in namens Jan Willem de Vries, aan de telefoon")
    assert_accessible(page)
    page.get_by_label("Paspoort aanvragen").focus()
    page.keyboard.press("Space")
    _press(page, "button", "Volgende")
    expect(page.get_by_text("Stap 2 van 5")).to_be_visible()
    _press(page, "button", "Volgende")
    page.locator(".loket-calendar__day--free a").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Stap 4 van 5")).to_be_visible()
    _press(page, "button", "Volgende")
    expect(page.get_by_text("Stap 5 van 5")).to_be_visible()
    expect(page.get_by_label("Naam")).to_have_value("Jan Willem de Vries")
    expect(banner).to_be_visible()
    assert_accessible(page)
    email = page.get_by_label("E-mailadres")
    if not email.input_value():
        email.focus()
        page.keyboard.type("jan.de.vries@example.org")
    _press(page, "button", "Afspraak maken")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw afspraak")
    assert_accessible(page)
