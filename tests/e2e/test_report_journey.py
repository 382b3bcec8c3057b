"""Reports about public space, from every seat and by keyboard, with axe (and 320 px) on every page: an anonymous
resident reports a broken lamp post with a photo where one was reported already; Jan reports a hole in the road
with his address, hears it was fixed, says it was not and so reopens it; staff merge the duplicate and close; the
whole report also works without JavaScript; the public list is a table anyone can read."""

import re

from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible, assert_admin_accessible
from tests.e2e.conftest import _new_page
from tests.reports.conftest import jpeg

TIMEOUT = 15_000


def _press(page, locator) -> None:
    locator.focus()
    page.keyboard.press("Enter")


def _choose(page, label: str, *, exact: bool = True) -> None:
    page.get_by_label(label, exact=exact).focus()
    page.keyboard.press("Space")


def _next(page, heading: str) -> None:
    _press(page, page.get_by_role("button", name="Volgende"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading, timeout=TIMEOUT)
    assert_accessible(page)


def test_an_anonymous_resident_reports_a_lamp_post_with_a_photo_and_meets_the_duplicate_hint(page, live_url):
    page.goto(live_url + "/")
    _press(page, page.get_by_role("link", name="Melding openbare ruimte").first)
    _press(page, page.get_by_role("link", name="Regel het online"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wat is er aan de hand?", timeout=TIMEOUT)
    assert_accessible(page)

    _press(page, page.get_by_role("button", name="Volgende"))  # nothing typed yet
    expect(page.get_by_role("alert")).to_contain_text("Beschrijf wat er aan de hand is.", timeout=TIMEOUT)
    assert_accessible(page)
    page.get_by_label("Wat is er aan de hand?").fill("De straatlantaarn voor de kerk brandt niet meer")
    _next(page, "Om wat voor melding gaat het?")
    # The suggestion is chosen for them, and every category can still be picked.
    expect(page.get_by_label("Lantaarnpaal kapot voorstel")).to_be_checked()
    expect(page.get_by_label("Gat in de weg")).not_to_be_checked()
    # The lamp post's own questions, as editors built them in the forms engine.
    _next(page, "Over de lantaarnpaal")
    expect(page.locator("#progress")).to_have_text("Stap 3 van 7")
    _press(page, page.get_by_role("button", name="Volgende"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Kies een antwoord bij ‘Wat is er aan de hand?’", timeout=TIMEOUT)
    assert_accessible(page)
    _press(page, summary.get_by_role("link", name="Kies een antwoord bij ‘Wat is er aan de hand?’"))
    expect(page.get_by_label("Brandt niet")).to_be_focused()
    page.keyboard.press("Space")
    _choose(page, "Nee")
    page.get_by_label("Nummer op de paal").fill("0123-045")
    _next(page, "Foto's")

    page.get_by_label("Foto's (niet verplicht", exact=False).set_input_files(
        files=[{"name": "lamp.jpg", "mimeType": "image/jpeg", "buffer": jpeg(gps=(52.0913, 5.1231))}]
    )
    _next(page, "Waar is het?")
    expect(page.get_by_text("We hebben de plek uit uw foto ingevuld.")).to_be_visible()
    expect(page.get_by_label("Breedtegraad")).to_have_value("52.0913")
    expect(page.get_by_role("region", name="Kaart om de plek aan te wijzen")).to_be_visible()
    _next(page, "Uw gegevens")
    page.get_by_label("E-mailadres").fill("melder@example.org")
    _next(page, "Controleren en versturen")

    # The lamp post across the street was reported two days ago: offered to follow instead.
    hint = page.get_by_role("region", name="Is dit al gemeld?")
    expect(hint).to_contain_text("Lantaarnpaal kapot, 11 meter hiervandaan")
    expect(hint.get_by_role("button", name="Dit is ook mijn melding")).to_be_visible()
    expect(page.get_by_text("lamp.jpg")).to_be_visible()
    expect(page.get_by_role("definition").filter(has_text="0123-045")).to_be_visible()
    _press(page, page.get_by_role("button", name="Melding versturen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding ontvangen", timeout=TIMEOUT)
    expect(page.get_by_text("We mailen u als er iets verandert")).to_be_visible()
    assert_accessible(page)

    _press(page, page.get_by_role("link", name="Meldingen in de buurt"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen in de buurt", timeout=TIMEOUT)
    expect(page.get_by_role("region", name="Kaart met meldingen")).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Lantaarnpaal kapot")
    expect(table).not_to_contain_text("melder@example.org")
    assert_accessible(page)
    page.get_by_label("Status").select_option("closed")
    _press(page, page.get_by_role("button", name="Toon meldingen"))
    expect(page.get_by_label("Status")).to_have_value("closed", timeout=TIMEOUT)
    assert_accessible(page)


def test_jan_reports_a_hole_is_told_it_is_fixed_and_reopens_it(page, browser, request, live_url, staff_login):
    page.goto(live_url + "/meldingen/nieuw/")
    page.get_by_label("Wat is er aan de hand?").fill("Diep gat in het asfalt voor mijn deur")
    _next(page, "Om wat voor melding gaat het?")
    _choose(page, "Gat in de weg", exact=False)  # perhaps marked as the suggestion
    _next(page, "Foto's")
    _next(page, "Waar is het?")
    page.get_by_label("Postcode").fill("1234 AA")
    page.get_by_label("Huisnummer").fill("1")
    _next(page, "Uw gegevens")
    _next(page, "Controleren en versturen")
    expect(page.get_by_text("Marktstraat 1, Voorbeeldstad")).to_be_visible()

    # Logged in, the report is Jan's: it is in Mijn Loket, and news comes to the inbox.
    page.goto(live_url + "/mijn/meldingen/")
    _press(page, page.get_by_role("link", name="Inloggen met DigiD"))
    _choose(page, "Jan Willem de Vries", exact=False)
    _press(page, page.get_by_role("button", name="Inloggen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn meldingen", timeout=TIMEOUT)
    expect(page.get_by_text("U heeft nog geen meldingen")).to_be_visible()
    assert_accessible(page)
    page.goto(live_url + "/meldingen/nieuw/controle/")
    expect(page.get_by_text("Diep gat in het asfalt")).to_be_visible(timeout=TIMEOUT)  # the draft survived login
    _press(page, page.get_by_role("button", name="Melding versturen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding ontvangen", timeout=TIMEOUT)
    _press(page, page.get_by_role("link", name="Bekijk de melding"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Melding MOR-", timeout=TIMEOUT)
    reference = heading.inner_text().removeprefix("Melding ")
    expect(page.get_by_text("We hebben uw melding ontvangen.")).to_be_visible()
    assert_accessible(page)

    staff, _problems = _new_page(browser, request)
    staff_login(staff, "medewerker-openbare-ruimte")
    _press(staff, staff.locator(".sidebar-main-menu").get_by_role("link", name="Meldingen", exact=True))
    staff.get_by_label("Meldingnummer").fill(reference)
    _press(staff, staff.get_by_role("button", name="Filteren"))
    _press(staff, staff.get_by_role("link", name=reference))
    expect(staff.get_by_role("heading", level=1)).to_contain_text(reference, timeout=TIMEOUT)
    assert_admin_accessible(staff)
    staff.get_by_label("Nieuwe status").select_option("afgehandeld")
    staff.get_by_label("Bericht aan de melder en volgers").fill("Het gat is gedicht.")
    _press(staff, staff.get_by_role("button", name="Status opslaan"))
    expect(staff.get_by_text("De status is gewijzigd")).to_be_visible(timeout=TIMEOUT)
    assert_admin_accessible(staff)

    page.goto(live_url + "/mijn/berichten/")
    _press(page, page.get_by_role("link", name=f"Uw melding {reference}: afgehandeld"))
    _press(page, page.get_by_role("link", name="Bekijk de melding"))
    expect(page.get_by_text("Het gat is gedicht.")).to_be_visible(timeout=TIMEOUT)
    _choose(page, "Nee")
    _press(page, page.get_by_role("button", name="Reactie versturen"))
    expect(page.get_by_role("alert")).to_contain_text("Vertel kort wat er nog niet goed is.", timeout=TIMEOUT)
    assert_accessible(page)
    page.get_by_label("Wat is er nog niet goed?").fill("Er ligt alleen een plaat over.")
    _press(page, page.get_by_role("button", name="Reactie versturen"))
    expect(page.get_by_text("U liet weten dat het probleem niet is opgelost.")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".loket-status")).to_have_text("heropend")
    assert_accessible(page)

    staff.reload()
    expect(staff.get_by_text("Reactie melder: Er ligt alleen een plaat over.")).to_be_visible(timeout=TIMEOUT)


def test_staff_merge_a_duplicate_and_close_the_one_that_stays(page, live_url, staff_login):
    # A resident reports the known lamp post again (no JavaScript needed for that, see below).
    page.goto(live_url + "/meldingen/nieuw/")
    page.get_by_label("Wat is er aan de hand?").fill("Lamp bij de kerk is stuk")
    _press(page, page.get_by_role("button", name="Volgende"))
    _choose(page, "Lantaarnpaal kapot", exact=False)  # perhaps marked as the suggestion
    _press(page, page.get_by_role("button", name="Volgende"))
    _choose(page, "Knippert")
    _choose(page, "Ja")
    _press(page, page.get_by_role("button", name="Volgende"))
    _press(page, page.get_by_role("button", name="Volgende"))
    page.get_by_label("Breedtegraad").fill("52.09122")
    page.get_by_label("Lengtegraad").fill("5.12312")
    _press(page, page.get_by_role("button", name="Volgende"))
    page.get_by_label("E-mailadres").fill("tweede@example.org")
    _press(page, page.get_by_role("button", name="Volgende"))
    _press(page, page.get_by_role("button", name="Melding versturen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding ontvangen", timeout=TIMEOUT)
    duplicate = page.locator(".loket-confirmation strong").inner_text()

    page.context.clear_cookies()
    staff_login(page, "medewerker-openbare-ruimte")
    page.goto(live_url + "/cms/meldingen/")
    _press(page, page.get_by_role("link", name=duplicate))
    nearby = page.get_by_role("heading", name="Open meldingen van dezelfde soort vlakbij")
    expect(nearby).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("definition").filter(has_text="Knippert")).to_be_visible()  # the answers, for the team
    stays = page.locator("h2:has-text('vlakbij') + ul a").first.inner_text()
    page.get_by_label("Samenvoegen met melding").fill("MOR-1999-000001")
    _press(page, page.get_by_role("button", name="Samenvoegen"))
    expect(page.get_by_text("Geen melding van uw teams met dit nummer.")).to_be_visible(timeout=TIMEOUT)
    assert_admin_accessible(page)
    page.get_by_label("Samenvoegen met melding").fill(stays)
    _press(page, page.get_by_role("button", name="Samenvoegen"))
    expect(page.get_by_text("De melding is samengevoegd")).to_be_visible(timeout=TIMEOUT)

    page.goto(live_url + "/cms/meldingen/")
    page.get_by_label("Meldingnummer").fill(stays)
    _press(page, page.get_by_role("button", name="Filteren"))
    expect(page.get_by_role("row")).to_have_count(2, timeout=TIMEOUT)
    expect(page.get_by_role("row").nth(1).get_by_role("cell").last).to_have_text("1")  # the merged reporter follows
    _choose(page, f"Kies {stays}")
    page.get_by_label("Status van de gekozen meldingen").select_option("afgehandeld")
    page.get_by_label("Bericht aan melders").fill("De lamp is vervangen.")
    _press(page, page.get_by_role("button", name="Status wijzigen"))
    expect(page.get_by_text("1 melding bijgewerkt.")).to_be_visible(timeout=TIMEOUT)
    assert_admin_accessible(page)


def test_without_javascript_a_report_is_made_with_typed_coordinates(browser, request, live_url):
    page, _problems = _new_page(browser, request, java_script_enabled=False, viewport={"width": 320, "height": 800})
    page.goto(live_url + "/meldingen/nieuw/")
    page.get_by_label("Wat is er aan de hand?").fill("Container zit helemaal vol")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Container vol of kapot", exact=False).check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Glas").check()
    page.get_by_label("Vol", exact=True).check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("button", name="Gebruik mijn locatie")).to_be_hidden()
    page.get_by_label("Breedtegraad").fill("5.12")
    page.get_by_label("Lengtegraad").fill("52.09")
    page.get_by_role("button", name="Volgende").click()
    expect(page.locator("#id_latitude-error")).to_contain_text("lijken omgewisseld", timeout=TIMEOUT)
    page.get_by_label("Breedtegraad").fill("52,0931")
    page.get_by_label("Lengtegraad").fill("5,1219")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding ontvangen", timeout=TIMEOUT)
    link = page.locator(".loket-break a")
    expect(link).to_contain_text("/meldingen/volgen/")
    link.click()
    expect(page.get_by_text("Container vol of kapot")).to_be_visible(timeout=TIMEOUT)
    page.goto(live_url + "/meldingen/in-de-buurt/")
    expect(page.get_by_role("table")).to_contain_text("Container vol of kapot", timeout=TIMEOUT)


def test_the_report_manager_draws_a_district_and_staff_filter_and_map_by_it(page, live_url, staff_login):
    staff_login(page, "medewerker-openbare-ruimte")
    _press(page, page.locator(".sidebar-main-menu").get_by_role("link", name="Wijken (meldingen)"))
    expect(page.get_by_role("link", name="Binnenstad")).to_be_visible(timeout=TIMEOUT)
    assert_admin_accessible(page)
    _press(page, page.locator('a[href="/cms/snippets/reports/district/add/"]').first)
    page.get_by_role("textbox", name="Naam").fill("Noord")
    area = page.get_by_role("textbox", name="Gebied")
    area.fill("{niet goed")
    _press(page, page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_text("Het getekende gebied is onleesbaar")).to_be_visible(timeout=TIMEOUT)
    # Three corners clicked on the map, as an editor would; the field below it holds them as GeoJSON.
    drawing = page.locator("[data-area-map]")
    drawing.scroll_into_view_if_needed()
    box = drawing.bounding_box()
    for x, y in ((0.3, 0.3), (0.7, 0.3), (0.5, 0.6)):
        page.mouse.click(box["x"] + box["width"] * x, box["y"] + box["height"] * y)
    expect(area).to_have_value(re.compile(r'"type": ?"Polygon"'), timeout=TIMEOUT)
    page.get_by_role("combobox", name="Team").select_option(label="Openbare ruimte")
    _press(page, page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_role("link", name="Noord")).to_be_visible(timeout=TIMEOUT)

    _press(page, page.locator(".sidebar-main-menu").get_by_role("link", name="Meldingen", exact=True))
    page.get_by_label("Wijk").select_option(label="Binnenstad")
    _press(page, page.get_by_role("button", name="Filteren"))
    expect(page.get_by_label("Wijk")).to_have_value(re.compile(r"\d+"), timeout=TIMEOUT)
    rows = page.locator("table.listing tbody tr")
    expect(rows.first).to_contain_text("Binnenstad")
    expect(page.get_by_role("region", name="Kaart met de gevonden meldingen")).to_be_visible()
    expect(page.locator(".loket-admin-report-map .leaflet-interactive")).to_have_count(rows.count())
    assert_admin_accessible(page)

    # An app that sends reports through Open311: registered, its key shown once, switched off.
    _press(page, page.locator(".sidebar-main-menu").get_by_role("link", name="Apps (Open311)"))
    _press(page, page.get_by_role("button", name="Registreren en sleutel tonen"))
    expect(page.get_by_text("Geef de app een naam.").first).to_be_visible(timeout=TIMEOUT)
    assert_admin_accessible(page)
    page.get_by_label("Naam van de app").fill("BuitenBeter")
    _press(page, page.get_by_role("button", name="Registreren en sleutel tonen"))
    expect(page.get_by_label("API-sleutel (api_key)")).to_have_value(re.compile(r"^\S{40,}$"), timeout=TIMEOUT)
    assert_admin_accessible(page)
    _press(page, page.get_by_role("link", name="Terug naar de apps"))
    _press(page, page.get_by_role("button", name="Zet uit BuitenBeter"))
    expect(page.get_by_text("BuitenBeter kan geen meldingen meer versturen.")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("row", name="BuitenBeter")).to_contain_text("uit")
    assert_admin_accessible(page)
