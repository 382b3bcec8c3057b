"""A couple plans with too many guests for the room and takes the room that fits, reserves with DigiD, tries a
second reservation and is offered to move the first instead, moves it and cancels it after being asked once. With
the keyboard at 320 px with axe on every page, and again without JavaScript."""

from datetime import date, timedelta

from playwright.sync_api import expect

from tests.e2e.a11y import assert_accessible


def _saturday(after_days: int) -> date:
    day = date.today() + timedelta(days=after_days)
    return day + timedelta(days=(5 - day.weekday()) % 7)


def _press(page, locator) -> None:
    locator.focus()
    page.keyboard.press("Enter")


def _check(page, axe: bool) -> None:
    if axe:
        assert_accessible(page)


def _couple(page, live_url, *, day: date, persona: str, partner_bsn: str, axe: bool) -> None:
    js = axe  # axe needs scripts; the run without them checks the same pages by their text
    page.goto(live_url + "/huwelijk/")
    _check(page, axe)
    page.get_by_label("Eenvoudige ceremonie").focus()
    page.keyboard.press("Space")
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Tijd", exact=True).select_option("11:00")
    page.get_by_label("Zaal of trouwlocatie").select_option(label="Trouwkamer (Stadhuis)")
    page.get_by_label("Trouwambtenaar (BABS)").select_option(label="Anna de Boer")
    page.get_by_label("Aantal gasten").fill("20")
    if not js:
        _press(page, page.get_by_role("button", name="Bekijk of het kan"))
    answer = page.locator("#wedding-answer")
    expect(answer).to_contain_text("In Trouwkamer passen 12 gasten.")
    _check(page, axe)
    _press(page, answer.get_by_role("link", name="Zelfde moment in Raadzaal"))
    expect(answer).to_contain_text("Dit kan")
    expect(page.get_by_label("Zaal of trouwlocatie")).to_have_value(
        page.get_by_label("Zaal of trouwlocatie").locator("option", has_text="Raadzaal").get_attribute("value")
    )
    _press(page, answer.get_by_role("link", name="Voorlopig reserveren (met DigiD)"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    _check(page, axe)
    _press(page, page.get_by_role("link", name="Inloggen met DigiD"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen met DigiD")
    page.get_by_label(persona).focus()
    page.keyboard.press("Space")
    _press(page, page.get_by_role("button", name="Inloggen", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Huwelijk voorlopig reserveren")
    _check(page, axe)
    page.get_by_label("Burgerservicenummer van uw partner").fill(partner_bsn)
    _press(page, page.get_by_role("button", name="Voorlopig reserveren"))
    expect(page.get_by_text("Uw voorlopige reservering staat")).to_be_visible()
    expect(page.get_by_text("Raadzaal")).to_be_visible()
    _check(page, axe)

    # A second reservation: the planner starts from the one they have; they pick another time.
    _press(page, page.get_by_role("link", name="Een ander moment, een andere zaal of trouwambtenaar kiezen"))
    expect(page.get_by_label("Tijd", exact=True)).to_have_value("11:00")
    page.get_by_label("Tijd", exact=True).select_option("13:00")
    if not js:
        _press(page, page.get_by_role("button", name="Bekijk of het kan"))
    expect(answer).to_contain_text("is beschikbaar")
    _press(page, answer.get_by_role("link", name="Voorlopig reserveren (met DigiD)"))
    expect(page.get_by_role("heading", level=1)).to_have_text("U heeft al een huwelijksreservering")
    expect(page.get_by_text("één huwelijksreservering tegelijk")).to_be_visible()
    _check(page, axe)
    _press(page, page.get_by_role("button", name="Verplaats mijn reservering"))
    expect(page.get_by_text("Uw reservering is verplaatst")).to_be_visible()
    expect(page.get_by_text("13:00 uur")).to_be_visible()
    _check(page, axe)

    _press(page, page.get_by_role("link", name="Reservering annuleren"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Weet u zeker dat u deze huwelijksreservering wilt annuleren?"
    )
    _check(page, axe)
    _press(page, page.get_by_role("button", name="Ja, annuleer de reservering"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Loket")
    expect(page.get_by_role("status")).to_contain_text("Uw voorlopige huwelijksreservering is geannuleerd")
    expect(page.get_by_role("link", name="Uw voorlopige huwelijksreservering is geannuleerd")).to_be_visible()  # inbox
    _check(page, axe)


def test_a_couple_plans_reserves_moves_and_cancels_at_320_px(browser, request, live_url):
    from portal.registries.stand_in.demo import valid_bsns
    from tests.e2e.conftest import _new_page

    bsns = valid_bsns()
    next(bsns)
    partner = next(bsns)  # Fatima El Amrani
    page, problems = _new_page(browser, request, viewport={"width": 320, "height": 800})
    _couple(page, live_url, day=_saturday(30), persona="Jan Willem de Vries", partner_bsn=partner, axe=True)
    assert problems.items == []


def test_a_couple_does_the_same_without_javascript(browser, request, live_url):
    from portal.registries.stand_in.demo import valid_bsns
    from tests.e2e.conftest import _new_page

    bsns = valid_bsns()
    next(bsns), next(bsns), next(bsns)
    partner = next(bsns)  # Sanne Jansen
    page, problems = _new_page(browser, request, java_script_enabled=False)
    _couple(page, live_url, day=_saturday(37), persona="Pieter Bakker", partner_bsn=partner, axe=False)
    assert problems.items == []
