"""Zaakgericht werken end to end: staff move a case on and ask for information; the resident sees it, answers
with a file; staff see the answer. Every resident page passes axe."""

import base64
from datetime import timedelta

from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from portal.core.management.commands.demo import DEMO_EDITOR_PASSWORD_DEFAULT
from tests.e2e.a11y import assert_accessible

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _staff_login(page, live_url):
    page.goto(live_url + "/cms/login/")
    page.locator("#id_username").fill("medewerker-werk-en-inkomen")
    page.locator("#id_password").fill(DEMO_EDITOR_PASSWORD_DEFAULT)
    page.get_by_role("button", name="Inloggen").click()
    secret = page.locator("[data-totp-secret]").inner_text().replace(" ", "")
    page.get_by_label("Code uit uw authenticator-app").fill(f"{totp(base64.b32decode(secret)):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(live_url + "/cms/")


def test_staff_ask_the_resident_answers_staff_see_it(browser, request, live_url, page):
    staff_context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    request.addfinalizer(staff_context.close)
    staff = staff_context.new_page()
    _staff_login(staff, live_url)

    staff.goto(live_url + "/cms/zaken/")
    staff.get_by_role("link", name="ZAAK-", exact=False).first.click()
    expect(staff.get_by_text("Bijzondere bijstand").first).to_be_visible()
    case_url = staff.url
    staff.get_by_role("tab", name="Behandelen").click()
    staff.get_by_label("Nieuwe status").select_option(label="In behandeling")
    staff.get_by_label("Toelichting voor de inwoner").fill("Een medewerker bekijkt uw aanvraag.")
    staff.get_by_role("button", name="Status opslaan").click()
    expect(staff.get_by_text("De status is gewijzigd")).to_be_visible()
    staff.get_by_label("Vraag aan de inwoner").fill("Wilt u uw laatste loonstrook sturen?")
    staff.get_by_label("Uiterste datum").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    staff.get_by_role("button", name="Vraag versturen").click()
    expect(staff.get_by_text("De vraag staat klaar voor de inwoner.")).to_be_visible()

    page.goto(live_url + "/mijn/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_label("Jan Willem de Vries").check()
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("link", name="Beantwoord onze vraag over Bijzondere bijstand")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Beantwoord onze vraag over Bijzondere bijstand").click()
    expect(page.get_by_text("Wilt u uw laatste loonstrook sturen?", exact=True)).to_be_visible()
    expect(page.get_by_text("Een medewerker bekijkt uw aanvraag.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Uw antwoord", exact=True).fill("Hierbij mijn loonstrook van oktober.")
    page.get_by_label("Bestanden bij uw antwoord").set_input_files(
        {"name": "loonstrook.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Bedankt, we hebben uw antwoord ontvangen.")).to_be_visible()
    expect(page.get_by_role("link", name="loonstrook.pdf")).to_be_visible()
    assert_accessible(page)

    page.goto(live_url + "/mijn/berichten/")
    expect(page.get_by_role("link", name="Bijzondere bijstand: In behandeling")).to_be_visible()
    assert_accessible(page)

    staff.goto(case_url)
    expect(staff.get_by_text("Hierbij mijn loonstrook van oktober.").first).to_be_visible()
    staff.get_by_role("tab", name="Documenten").click()
    expect(staff.get_by_role("link", name="loonstrook.pdf")).to_be_visible()
