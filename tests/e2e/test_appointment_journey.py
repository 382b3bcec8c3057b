"""A resident books a passport appointment with the keyboard, gets the confirmation mail with a calendar
attachment, moves the appointment with the mail's link and cancels it; a couple uses the wedding planner,
whose answer follows every choice without reloading. axe checks every page on the way."""

import time
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.mailbox import mail_to


def _press(page, role: str, name: str) -> None:
    page.get_by_role(role, name=name, exact=True).focus()
    page.keyboard.press("Enter")


def _parts(message):
    body = message.get_body(preferencelist=("plain",)).get_content()
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    return body, attachments


def test_book_move_and_cancel_an_appointment_with_the_keyboard(page, live_url, mail_dir):
    page.goto(live_url + "/producten-en-diensten/paspoort/")
    _press(page, "link", "Maak een afspraak")
    expect(page.get_by_text("Stap 1 van 5")).to_be_visible()
    expect(page.get_by_label("Paspoort aanvragen")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Voor hoeveel personen?").focus()
    page.keyboard.press("ArrowDown")  # 2 persons
    _press(page, "button", "Volgende")

    expect(page.get_by_text("Stap 2 van 5")).to_be_visible()
    assert_accessible(page)
    _press(page, "button", "Volgende")  # the first location is chosen

    expect(page.get_by_text("Stap 3 van 5")).to_be_visible()
    assert_accessible(page)
    page.locator(".loket-calendar__day--free a").first.focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Stap 4 van 5")).to_be_visible()
    assert_accessible(page)
    _press(page, "button", "Volgende")  # the first free time is chosen

    expect(page.get_by_text("Stap 5 van 5")).to_be_visible()
    page.get_by_label("Naam").focus()
    page.keyboard.type("Jan Jansen")
    _press(page, "button", "Afspraak maken")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.get_by_role("alert")).to_contain_text("Vul uw e-mailadres in.")
    assert_accessible(page)
    page.get_by_label("E-mailadres").focus()
    page.keyboard.type("jan.jansen@example.org")
    _press(page, "button", "Afspraak maken")

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw afspraak")
    expect(page.get_by_text("Uw afspraak is gemaakt")).to_be_visible()
    assert_accessible(page)

    body, attachments = _parts(mail_to(mail_dir, "jan.jansen@example.org", "Uw afspraak is gemaakt"))
    calendar = attachments["afspraak.ics"].get_content()
    assert "BEGIN:VEVENT" in calendar and "TZID=Europe/Amsterdam" in calendar
    link = next(line for line in body.splitlines() if "/afspraak/beheer/" in line).strip()

    page.goto(link)
    _press(page, "link", "Afspraak verplaatsen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Afspraak verplaatsen")
    assert_accessible(page)
    page.locator(".loket-calendar__day--free a").nth(2).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Verplaats naar deze tijd")).to_be_visible()
    assert_accessible(page)
    _press(page, "button", "Verplaats naar deze tijd")
    expect(page.get_by_text("Uw afspraak is verplaatst")).to_be_visible()
    assert_accessible(page)

    _, moved_attachments = _parts(mail_to(mail_dir, "jan.jansen@example.org", "Uw afspraak is verplaatst"))
    assert "SEQUENCE:1" in moved_attachments["afspraak.ics"].get_content()

    _press(page, "link", "Afspraak annuleren")
    expect(page.get_by_role("heading", level=1)).to_have_text("Weet u zeker dat u deze afspraak wilt annuleren?")
    assert_accessible(page)
    _press(page, "button", "Ja, annuleer mijn afspraak")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw afspraak is geannuleerd")
    assert_accessible(page)
    page.goto(link)  # the first mail's link was used up by the move
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet (meer)")
    assert_accessible(page)


def _next_monday(after_days: int) -> date:
    day = date.today() + timedelta(days=after_days)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def test_the_wedding_planner_answers_every_choice_at_once(page, live_url):
    monday = _next_monday(21)
    page.goto(live_url + "/huwelijk/")
    assert_accessible(page)
    page.get_by_label("Gratis ceremonie").focus()
    page.keyboard.press("Space")
    page.get_by_label("Datum").fill(monday.isoformat())
    page.get_by_label("Tijd", exact=True).select_option("10:00")
    page.get_by_label("Zaal of trouwlocatie").select_option(label="Trouwkamer (Stadhuis)")
    page.get_by_label("Trouwambtenaar (BABS)").select_option(label="Mohamed El Idrissi")
    page.get_by_label("Aantal gasten").focus()
    page.keyboard.type("8")  # and nothing else: no Tab, no button

    answer = page.locator("#wedding-answer")
    # No page load and no button: the answer follows a pause in typing.
    expect(answer).to_contain_text("Dit kan niet", timeout=1_500)
    expect(answer).to_contain_text("vaste momenten")
    assert page.url.startswith(live_url + "/huwelijk/?")
    assert_accessible(page)
    answer.get_by_role("link", name="Dezelfde dag om 09:00 uur").focus()
    page.keyboard.press("Enter")
    expect(answer).to_contain_text("Dit kan")
    expect(page.get_by_label("Tijd", exact=True)).to_have_value("09:00")
    assert_accessible(page)


def _book_first_free_time(page, live_url, email: str, *, axe: bool) -> None:
    """The booking steps by keyboard: passport, one person, the first location, day and time (axe needs scripts)."""
    page.goto(live_url + "/afspraak/?products=paspoort")
    for step in (2, 3):
        _press(page, "button", "Volgende")
        expect(page.get_by_text(f"Stap {step} van 5")).to_be_visible()
        if axe:
            assert_accessible(page)
    page.locator(".loket-calendar__day--free a").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Stap 4 van 5")).to_be_visible()
    _press(page, "button", "Volgende")
    expect(page.get_by_text("Stap 5 van 5")).to_be_visible()
    page.get_by_label("Naam").focus()
    page.keyboard.type("Eerlijk Gebruik")
    page.get_by_label("E-mailadres").focus()
    page.keyboard.type(email)
    _press(page, "button", "Afspraak maken")


def test_a_second_passport_appointment_is_refused_with_a_way_forward(browser, request, page, live_url):
    """Without JavaScript, by keyboard; then at 320 px with axe."""
    from tests.e2e.conftest import _new_page

    without_js, problems = _new_page(browser, request, java_script_enabled=False)
    _book_first_free_time(without_js, live_url, "eerlijk@example.org", axe=False)
    expect(without_js.get_by_role("heading", level=1)).to_have_text("Uw afspraak")
    _book_first_free_time(without_js, live_url, "eerlijk@example.org", axe=False)
    expect(without_js.get_by_role("heading", level=1)).to_have_text("U heeft al een afspraak")
    expect(without_js.get_by_text("link in de bevestigingsmail")).to_be_visible()
    assert problems.items == []

    page.set_viewport_size({"width": 320, "height": 800})
    _book_first_free_time(page, live_url, "Eerlijk@Example.org", axe=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("U heeft al een afspraak")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_scraper_gets_a_page_that_says_when_to_try_again(browser, request, live_url):
    """A client that asked for the calendar far more often than a person does (the budget is 300 a minute per
    client in these journeys) meets a 429 page; then a person at that address clicks on, and is told to wait."""
    from tests.e2e.conftest import _new_page

    page, _problems = _new_page(
        browser, request, viewport={"width": 320, "height": 800}, extra_http_headers={"X-Forwarded-For": "192.0.2.99"}
    )
    calendar = live_url + "/afspraak/dag/?products=paspoort&persons=1&location=stadhuis"
    if 60 - time.time() % 60 < 20:  # budgets count per minute: start in a fresh one, with time to spare
        time.sleep(60 - time.time() % 60)
    refused_in_a_row = 0
    for _ in range(1_000):  # each gunicorn worker keeps its own count without Redis: new connections reach both
        status = page.request.get(calendar, headers={"Connection": "close"}).status
        refused_in_a_row = refused_in_a_row + 1 if status == 429 else 0
        if refused_in_a_row == 20:
            break
    assert refused_in_a_row == 20

    page.goto(live_url + "/afspraak/?products=paspoort")
    _press(page, "button", "Volgende")
    expect(page.get_by_text("Stap 2 van 5")).to_be_visible()
    _press(page, "button", "Volgende")
    expect(page.get_by_role("heading", level=1)).to_have_text("Even wachten, alstublieft")
    expect(page.get_by_text("Probeer het over")).to_be_visible()
    assert_accessible(page)
