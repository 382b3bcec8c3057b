"""Two web instances behind one load balancer: what a resident starts on one, they finish on the other. They share
only the database and the file storage (sessions, form drafts, uploads live there), each with its own processes and
memory, so any request may land on either."""

from playwright.sync_api import expect

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_login_form_upload_and_booking_continue_on_the_other_instance(page, live_url, second_live_url):
    one, other = live_url, second_live_url
    # Logged in on the first instance (cookies belong to the host, so the browser sends them to both).
    page.goto(one + "/mijn/")
    page.get_by_role("link", name="Inloggen met DigiD").click()
    page.get_by_label("Sanne Jansen").check()
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Loket")

    page.goto(other + "/mijn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Loket")  # the login holds there too

    # A form: the first step on one instance, the next with an upload on the other, sent from the first.
    page.goto(one + "/producten-en-diensten/verhuizing-doorgeven/")
    form_path = page.get_by_role("link", name="Regel het online").get_attribute("href")
    page.goto(one + form_path)
    expect(page.get_by_text("Stap 1 van")).to_be_visible()
    page.get_by_label("E-mailadres", exact=True).fill("sanne@example.org")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("Stap 2 van")).to_be_visible()

    page.goto(other + form_path)
    expect(page.get_by_text("Stap 2 van")).to_be_visible()  # the half-filled form carries on
    page.get_by_label("Postcode", exact=True).fill("1235AC")
    page.get_by_label("Huisnummer", exact=True).fill("1")
    for label, value in (("Dag", "1"), ("Maand", "12"), ("Jaar", "2026")):
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Nee", exact=True).check()
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("Stap 3 van 4")).to_be_visible()
    page.get_by_label("Huurwoning").check()
    page.get_by_label("Huurcontract, koopakte of toestemming van de hoofdbewoner").set_input_files(
        {"name": "huurcontract.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Controleer uw antwoorden")

    page.goto(one + form_path)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Controleer uw antwoorden")
    expect(page.get_by_text("huurcontract.pdf")).to_be_visible()  # uploaded on the other instance
    page.get_by_label("Ik heb deze gegevens naar waarheid ingevuld.").check()
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanvraag is verstuurd")

    # A booking: product and location on one instance, day, time and details on the other.
    page.goto(one + "/afspraak/?products=rijbewijs")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("Stap 2 van 5")).to_be_visible()
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("Stap 3 van 5")).to_be_visible()
    page.goto(page.url.replace(one, other))
    page.locator(".loket-calendar__day--free a").first.click()
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("Stap 5 van 5")).to_be_visible()
    page.get_by_label("E-mailadres").fill("sanne@example.org")
    page.get_by_role("button", name="Afspraak maken").click()
    expect(page.get_by_text("Uw afspraak is gemaakt")).to_be_visible()
    assert page.url.startswith(other)
