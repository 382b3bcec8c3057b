"""A resident logs in with DigiD (the stand-in), uses Mijn Loket, is warned before the session ends, logs out."""

import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.mailbox import mail_to

# Also run on the embedded defaults (SQLite, database task worker) in CI's SQLite pass.
pytestmark = pytest.mark.embedded


def _log_in_as_jan(page):
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen met DigiD")
    assert_accessible(page)
    page.get_by_label("Jan Willem de Vries").check()
    page.get_by_role("button", name="Inloggen", exact=True).click()


def _code_mailed_to(mail_dir, address: str) -> str:
    body = mail_to(mail_dir, address, "Uw bevestigingscode voor Mijn Loket").get_body(("plain",)).get_content()
    return re.search(r"\b(\d{6})\b", body).group(1)


def _from_my_details_as_jan(page, live_url, link: str, heading: str) -> None:
    """Jan logs in on Mijn gegevens and follows `link` by keyboard to the page headed `heading`; axe checks it."""
    page.goto(live_url + "/mijn/gegevens/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    _log_in_as_jan(page)
    page.get_by_role("link", name=link).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)


def test_login_returns_to_the_page_and_logout_ends_the_digid_session(page, live_url, mail_dir):
    page.goto(live_url + "/mijn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen met DigiD").click()
    _log_in_as_jan(page)

    expect(page).to_have_url(live_url + "/mijn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Loket")
    expect(page.get_by_text("DigiD Midden")).to_be_visible()
    assert_accessible(page)
    # At 1280 px the header's search and account links stay beside the logo, on one line.
    logo, tools = page.locator(".loket-logo").bounding_box(), page.locator(".loket-header__tools").bounding_box()
    assert abs((logo["y"] + logo["height"] / 2) - (tools["y"] + tools["height"] / 2)) < 8, (logo, tools)

    # Prefilled from the BRP stand-in, over HTTP, never asked.
    page.get_by_role("link", name="Bekijk uw gegevens in de Basisregistratie Personen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    expect(page.get_by_text("Jan Willem de Vries")).to_be_visible()
    assert_accessible(page)

    # Contact preferences: a landline cannot get a text message; the error says so and keeps what was typed.
    page.get_by_role("link", name="Contactvoorkeuren wijzigen").click()
    page.get_by_label("E-mailadres").fill("jan.devries@example.org")
    page.get_by_label("Mobiel nummer").fill("020 1234567")
    page.get_by_label("Stuur mij een sms als er een nieuw bericht is").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("alleen naar een mobiel nummer")
    expect(page.get_by_label("E-mailadres")).to_have_value("jan.devries@example.org")
    assert_accessible(page)
    page.get_by_label("Mobiel nummer").fill("06 12345678")
    page.get_by_role("button", name="Opslaan").click()

    # A new address is verified with the code mailed to it, typed by keyboard; a wrong one is said next to the field.
    expect(page.get_by_text("Uw contactvoorkeuren zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig uw e-mailadres")
    expect(page.get_by_text("We hebben een code van 6 cijfers gestuurd naar jan.devries@example.org.")).to_be_visible()
    assert_accessible(page)
    code = _code_mailed_to(mail_dir, "jan.devries@example.org")
    page.get_by_label("Bevestigingscode").fill(f"{(int(code) + 1) % 1_000_000:06d}")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet")
    assert_accessible(page)
    page.get_by_label("Bevestigingscode").fill(code)
    page.get_by_role("button", name="Bevestigen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Bedankt, uw adres is bevestigd.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig uw mobiele nummer")
    assert_accessible(page)
    # The text message's code is for later: until then, nothing goes to the number.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Mijn gegevens").click()
    expect(page.locator("dd", has_text="per e-mail")).to_contain_text("Naar een adres dat u nog niet bevestigde")
    expect(page.get_by_text("nog niet bevestigd", exact=True)).to_have_count(1)
    expect(page.get_by_role("button", name="Nummer bevestigen")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(live_url + "/uitgelogd/")
    assert_accessible(page)

    # The DigiD session is gone too: logging in again asks who you are.
    page.goto(live_url + "/mijn/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen met DigiD")


def test_a_wrong_bsn_at_digid_gets_a_clear_error(page, live_url):
    page.goto(live_url + "/inloggen/?next=/mijn/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_label("Of typ een burgerservicenummer").fill("123456789")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Dit is geen geldig burgerservicenummer.")
    expect(page.get_by_label("Of typ een burgerservicenummer")).to_have_value("123456789")
    assert_accessible(page)


def test_the_session_warning_comes_two_minutes_before_the_end(page, live_url):
    page.clock.install()
    page.goto(live_url + "/mijn/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    _log_in_as_jan(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Loket")

    dialog = page.get_by_role("dialog", name="Wilt u ingelogd blijven?")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("13:01")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Ingelogd blijven")).to_be_focused()
    assert_accessible(page)
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("10:00")
    expect(dialog).to_be_hidden()


def test_a_resident_finds_and_sets_notice_choices_by_keyboard(page, live_url):
    """/mijn/voormeldingen/ is reached from Mijn Loket and from Mijn gegevens (before, nothing linked to it)."""
    page.goto(live_url + "/mijn/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    _log_in_as_jan(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Loket")

    page.get_by_role("link", name="Berichten van de gemeente").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_url + "/mijn/voormeldingen/")
    assert_accessible(page)
    page.get_by_role("group", name="Reisdocumenten").get_by_label("In Mijn Loket en per sms").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Opslaan").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Uw keuzes voor berichten van de gemeente zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_role("group", name="Reisdocumenten").get_by_label("In Mijn Loket en per sms")).to_be_checked()
    assert_accessible(page)

    page.goto(live_url + "/mijn/gegevens/")
    page.get_by_role("link", name="Kiezen welke berichten de gemeente u uit zichzelf stuurt").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_url + "/mijn/voormeldingen/")
    expect(page.get_by_role("group", name="Reisdocumenten").get_by_label("In Mijn Loket en per sms")).to_be_checked()


def _log_in_as_sanne_without_javascript(page, url):
    """Text checks only: axe needs scripts (see tests/e2e/a11y.py)."""
    page.goto(url)
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_label("Sanne Jansen", exact=False).check()
    page.get_by_role("button", name="Inloggen", exact=True).click()


def test_notice_choices_without_javascript(page_without_js, live_url):
    """The same without scripts (text checks only: axe needs scripts, see tests/e2e/a11y.py)."""
    page = page_without_js
    _log_in_as_sanne_without_javascript(page, live_url + "/mijn/")
    page.get_by_role("link", name="Berichten van de gemeente").click()
    page.get_by_role("group", name="Belastingen").get_by_label("Niet ontvangen").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uw keuzes voor berichten van de gemeente zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_role("group", name="Belastingen").get_by_label("Niet ontvangen")).to_be_checked()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_resident_reports_wrong_brp_data_by_keyboard(page, live_url):
    _from_my_details_as_jan(page, live_url, "Klopt er iets niet? Geef het door.", "Klopt er iets niet?")

    page.get_by_role("button", name="Versturen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Kies welke gegevens niet kloppen.")
    assert_accessible(page)

    page.get_by_role("group", name="Welke gegevens kloppen niet?").get_by_label("Naam").focus()
    page.keyboard.press("Space")
    page.get_by_label("Wat is er niet juist, en wat moet het zijn?").fill("Mijn tweede voornaam is Maria, niet Marie.")
    page.get_by_label("Bewijsstuk (niet verplicht)").set_input_files(
        {"name": "geboorteakte.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Versturen").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_url + "/mijn/gegevens/")
    confirmation = page.get_by_text("Uw melding is ontvangen als zaak")
    expect(confirmation).to_be_visible()
    assert_accessible(page)
    number = confirmation.inner_text().split("zaak ", 1)[1].split(".", 1)[0]
    page.goto(live_url + "/mijn/zaken/")
    expect(page.get_by_text(number, exact=False).first).to_be_visible()


def test_reporting_wrong_brp_data_without_javascript(page_without_js, live_url):
    page = page_without_js
    _log_in_as_sanne_without_javascript(page, live_url + "/mijn/gegevens/correctie/")
    page.get_by_label("Adres", exact=True).check()
    page.get_by_label("Wat is er niet juist, en wat moet het zijn?").fill("Mijn huisnummer is 3, niet 2.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Uw melding is ontvangen als zaak")).to_be_visible()


def test_verifying_an_email_address_without_javascript(page_without_js, live_url, mail_dir):
    page = page_without_js
    _log_in_as_sanne_without_javascript(page, live_url + "/mijn/gegevens/contact/")
    page.get_by_label("E-mailadres").fill("sanne.jansen@example.org")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig uw e-mailadres")
    page.get_by_label("Bevestigingscode").fill("12")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("De code heeft 6 cijfers, bijvoorbeeld 123456.").first).to_be_visible()
    page.get_by_label("Bevestigingscode").fill(_code_mailed_to(mail_dir, "sanne.jansen@example.org"))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(live_url + "/mijn/gegevens/")
    expect(page.get_by_text("Bedankt, uw adres is bevestigd.")).to_be_visible()
    expect(page.get_by_text("(bevestigd)")).to_be_visible()


def test_a_resident_sees_who_looked_at_their_data_by_keyboard(page, live_url):
    _from_my_details_as_jan(page, live_url, "Wie heeft mijn gegevens bekeken", "Wie heeft mijn gegevens bekeken")
    # Showing Mijn gegevens asked the BRP on Jan's behalf: that is on the list, with why.
    expect(page.get_by_text("Om uw gegevens te tonen op Mijn gegevens.").first).to_be_visible()
    expect(page.get_by_text("Loket vroeg uw gegevens op bij de Basisregistratie Personen (BRP).").first).to_be_visible()


def test_who_looked_at_my_data_without_javascript(page_without_js, live_url):
    page = page_without_js
    _log_in_as_sanne_without_javascript(page, live_url + "/mijn/gegevens/")
    page.get_by_role("link", name="Wie heeft mijn gegevens bekeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie heeft mijn gegevens bekeken")
    expect(page.get_by_text("Om uw gegevens te tonen op Mijn gegevens.").first).to_be_visible()


def _wait_for_download_ready(page) -> None:
    """The task worker makes the zip; the page says so once it is there (reloaded as a resident would)."""
    for _attempt in range(60):
        if page.get_by_role("heading", name="Uw download staat klaar").count():
            return
        page.wait_for_timeout(500)
        page.reload()
    raise AssertionError("the download was not made within 30 seconds")


def test_a_resident_downloads_their_data_by_keyboard(page, live_url):
    _from_my_details_as_jan(page, live_url, "Download mijn gegevens", "Download mijn gegevens")
    page.get_by_role("button", name=re.compile("Download maken|Een nieuwe download maken")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("We maken uw download.").first).to_be_visible()
    assert_accessible(page)
    _wait_for_download_ready(page)
    assert_accessible(page)
    link = page.get_by_role("link", name=re.compile("Mijn gegevens van .* downloaden"))
    with page.expect_download() as download:
        link.focus()
        page.keyboard.press("Enter")
    with zipfile.ZipFile(download.value.path()) as archive:
        assert "overzicht.pdf" in archive.namelist()
        assert "Jan Willem de Vries" in archive.read("gegevens.json").decode()


def test_downloading_my_data_without_javascript(page_without_js, live_url):
    page = page_without_js
    _log_in_as_sanne_without_javascript(page, live_url + "/mijn/gegevens/download/")
    page.get_by_role("button", name=re.compile("Download maken|Een nieuwe download maken")).click()
    _wait_for_download_ready(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Mijn gegevens van .* downloaden")).click()
    with zipfile.ZipFile(download.value.path()) as archive:
        assert "Sanne" in archive.read("gegevens.json").decode()


def test_a_resident_closes_their_account_by_keyboard(page, live_url):
    page.goto(live_url + "/mijn/gegevens/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    # Someone the BRP stand-in does not know, typed in: closing no demo persona's account under other journeys.
    page.get_by_label("Of typ een burgerservicenummer").fill("999970008")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.get_by_role("link", name="Account opheffen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Account opheffen")
    expect(page.get_by_role("heading", name="Dit bewaren we, omdat de wet dat vraagt")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Account opheffen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Vink aan dat u uw account wilt opheffen")
    assert_accessible(page)
    page.get_by_label("Ik heb gelezen wat er gebeurt en wil mijn account opheffen").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Account opheffen").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_url + "/uitgelogd/")
    expect(page.get_by_text("Uw account is opgeheven.")).to_be_visible()
    assert_accessible(page)
    page.goto(live_url + "/mijn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")


def test_closing_an_account_without_javascript(page_without_js, live_url):
    page = page_without_js
    page.goto(live_url + "/mijn/gegevens/opheffen/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_label("Of typ een burgerservicenummer").fill("999970021")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.get_by_label("Ik heb gelezen wat er gebeurt en wil mijn account opheffen").check()
    page.get_by_role("button", name="Account opheffen").click()
    expect(page.get_by_text("Uw account is opgeheven.")).to_be_visible()
