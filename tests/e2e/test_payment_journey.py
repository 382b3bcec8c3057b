"""Paying a fee online as residents and finance meet it: the BRP extract form, stored first, then iDEAL at the
stand-in provider and back; a failed payment paid again from Mijn Loket at 320 px; paying later without
JavaScript; and finance finding the payment, refunding part of it and downloading the day's export. axe checks
every page on the way (not without JavaScript, where it cannot run)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible, assert_admin_accessible

# Also run on the embedded defaults (SQLite, database task worker) in CI's SQLite pass.
pytestmark = pytest.mark.embedded


def _press(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name, exact=True).focus()
    page.keyboard.press("Enter")


def _log_in_and_send_extract(page, live_url: str, persona: str, *, check=True) -> str:
    page.goto(live_url + "/producten-en-diensten/uittreksel-brp/")
    _press(page, "link", "Regel het online")
    _press(page, "link", "Inloggen met DigiD")
    page.get_by_label(persona, exact=False).focus()
    page.keyboard.press("Space")
    _press(page, "button", "Inloggen")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welk uittreksel?")
    page.get_by_label("Soort uittreksel").select_option("Standaard")
    page.get_by_label("Aantal exemplaren").fill("2")
    if check:
        assert_accessible(page)
    _press(page, "button", "Volgende")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Terugbetaling")
    _press(page, "button", "Volgende")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Controleer uw antwoorden")
    expect(page.get_by_text("€ 34,20")).to_be_visible()
    page.get_by_label("Ik heb deze gegevens naar waarheid ingevuld.").focus()
    page.keyboard.press("Space")
    _press(page, "button", "Versturen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Betalen met iDEAL")
    expect(page.get_by_text("€ 34,20")).to_be_visible()
    return page.url


def _pay_at_bank(page, outcome: str, *, check=True) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Betalen met iDEAL")
    if check:
        assert_accessible(page)
    page.get_by_label("Uw bank").select_option(label="ING")
    page.get_by_label(outcome, exact=True).focus()
    page.keyboard.press("Space")
    _press(page, "button", "Betalen")


def test_paying_the_brp_extract_with_ideal_by_keyboard(page, live_url):
    _log_in_and_send_extract(page, live_url, "Jan Willem de Vries")
    _press(page, "button", "Betalen")  # no bank chosen yet: the provider's page says so
    expect(page.get_by_role("alert")).to_contain_text("Kies uw bank.")
    _pay_at_bank(page, "Betaald")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Betalen: Uittreksel BRP aanvragen")
    expect(page.get_by_text("Uw betaling is gelukt.")).to_be_visible()
    expect(page.get_by_text("Uw betaling is binnen.")).to_be_visible()
    assert_accessible(page)
    _press(page, "link", "Terug naar de bevestiging van uw aanvraag")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanvraag is verstuurd")
    expect(page.get_by_text("U heeft betaald.")).to_be_visible()
    assert_accessible(page)
    page.goto(live_url + "/mijn/")
    _press(page, "link", "Betalingen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Betalingen")
    expect(page.get_by_text("Betaald", exact=True).first).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Betaalbewijs \\(PDF\\)")).first).to_be_visible()
    assert_accessible(page)


def test_a_failed_payment_is_paid_again_from_mijn_loket_at_320_px(browser, request, live_url):
    from tests.e2e.conftest import _new_page

    page, problems = _new_page(browser, request, viewport={"width": 320, "height": 800})
    _log_in_and_send_extract(page, live_url, "Pieter Bakker")
    _pay_at_bank(page, "Mislukt")
    expect(page.get_by_text("Uw betaling is niet gelukt (mislukt).")).to_be_visible()
    assert_accessible(page)
    page.goto(live_url + "/mijn/betalingen/")
    expect(page.get_by_role("heading", name="Nog te betalen")).to_be_visible()
    expect(page.get_by_text("Mislukt", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Betalen met iDEAL")).first.focus()
    page.keyboard.press("Enter")
    _pay_at_bank(page, "Betaald")
    expect(page.get_by_text("Uw betaling is gelukt.")).to_be_visible()
    page.goto(live_url + "/mijn/betalingen/")
    expect(page.get_by_role("heading", name="Nog te betalen")).to_have_count(0)
    assert_accessible(page)
    assert problems.items == []


def test_paying_later_without_javascript(page_without_js, live_url):
    page = page_without_js
    _log_in_and_send_extract(page, live_url, "Sanne Jansen", check=False)
    _pay_at_bank(page, "Open laten: terug zonder te betalen", check=False)
    expect(page.get_by_text("Uw betaling is nog niet afgerond.")).to_be_visible()
    _press(page, "link", "Terug naar de bevestiging van uw aanvraag")
    expect(page.get_by_role("heading", name="Nog te betalen")).to_be_visible()
    _press(page, "button", "Betalen met iDEAL")
    _pay_at_bank(page, "Betaald", check=False)
    expect(page.get_by_text("Uw betaling is gelukt.")).to_be_visible()


def test_finance_finds_refunds_and_exports(page, live_url, staff_login):
    _log_in_and_send_extract(page, live_url, "Mohamed Yilmaz", check=False)
    _pay_at_bank(page, "Betaald", check=False)
    expect(page.get_by_text("Uw betaling is gelukt.")).to_be_visible()
    page.context.clear_cookies()
    staff_login(page, "medewerker-financien")
    page.get_by_role("link", name="Betalingen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Betalingen")
    assert_admin_accessible(page)
    page.get_by_label("Kenmerk of omschrijving").fill("Uittreksel")
    page.get_by_role("button", name="Zoeken").click()
    paid_row = page.locator("tbody tr").filter(has=page.get_by_role("cell", name="Betaald", exact=True)).first
    paid_row.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Terugbetalen")).to_be_visible()
    assert_admin_accessible(page)
    page.get_by_label("Bedrag (euro)").fill("99")
    page.get_by_label("Reden").fill("Een exemplaar te veel")
    page.get_by_role("button", name=re.compile("Terugbetalen")).click()
    expect(page.get_by_text("Het bedrag moet tussen € 0,01 en € 34,20 liggen.")).to_be_visible()
    expect(page.get_by_label("Reden")).to_have_value("Een exemplaar te veel")
    assert_admin_accessible(page)
    page.get_by_label("Bedrag (euro)").fill("17,10")
    page.get_by_role("button", name=re.compile("Terugbetalen")).click()
    expect(page.get_by_text("Terugbetaling aangevraagd")).to_be_visible()
    expect(page.get_by_role("cell", name="Deels terugbetaald").first).to_be_visible()
    page.get_by_role("link", name="Alle betalingen").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export (CSV) downloaden").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("datum,kenmerk,product,grootboekrekening,bedrag,kosten,stand")
    assert "-17.10" in text and "8300.10 leges BRP" in text
