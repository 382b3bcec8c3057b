"""Editors work in Wagtail at /cms/: the editor must load and save under the site's security headers."""

import base64

from django_otp.oath import totp
from playwright.sync_api import expect

from portal.core.management.commands.demo import DEMO_EDITOR_PASSWORD_DEFAULT, DEMO_EDITOR_USERNAME
from tests.e2e.a11y import assert_accessible


def test_an_editor_changes_a_service_page_and_residents_see_it(page, live_url):
    page.goto(live_url + "/cms/")
    page.locator("#id_username").fill(DEMO_EDITOR_USERNAME)
    page.locator("#id_password").fill(DEMO_EDITOR_PASSWORD_DEFAULT)
    page.get_by_role("button", name="Inloggen").click()

    # First login: set up the second factor, as the editor would with an authenticator app.
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap instellen")
    assert_accessible(page)
    secret = page.locator("[data-totp-secret]").inner_text().replace(" ", "")
    code = f"{totp(base64.b32decode(secret)):06d}"
    page.get_by_label("Code uit uw authenticator-app").fill(code)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(live_url + "/cms/")

    page.goto(live_url + "/cms/pages/search/?q=Parkeervergunning")
    page.get_by_role("link", name="Parkeervergunning voor bewoners").first.click()
    intro = page.locator("#id_intro")
    expect(intro).to_be_visible()
    intro.fill("Vraag een parkeervergunning aan voor uw eigen auto, ook voor een elektrische auto.")
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("is gepubliceerd")).to_be_visible()

    page.goto(live_url + "/producten-en-diensten/parkeervergunning-bewoners/")
    expect(page.get_by_text("ook voor een elektrische auto")).to_be_visible()
