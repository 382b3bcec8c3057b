"""An editor builds "Heeft u kinderen? → Hoeveel kinderen?" without a programmer, with the keyboard only: steps
and questions named from their labels, the rule builder instead of JSON, a preview, publishing, and a form page
under the service "Parkeervergunning voor bewoners" — whose "Regel het online" then leads to it. A resident fills it
in both ways. axe checks the editor's own screens and every page the resident sees."""

import json
import re

from playwright.sync_api import expect

from tests.e2e.a11y import AXE_OPTIONS, _axe, assert_accessible
from tests.e2e.conftest import _new_page, manage

FORM_NAME = "Tegemoetkoming kinderopvang"


def _press(page, locator) -> None:
    locator.focus()
    expect(locator).to_be_focused()  # nothing (a closing dialog, a redraw) took the focus before the key
    page.keyboard.press("Enter")


def _publish(page) -> None:
    more = page.get_by_role("button", name="Meer acties")
    _press(page, more)
    expect(more).to_have_attribute("aria-expanded", "true")
    _press(page, page.get_by_role("button", name="Publiceren"))


def _add_block(page, button, kind: str) -> None:
    """Wagtail's block chooser, by keyboard: open it, type in its search, take the first match."""
    _press(page, button)
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    page.keyboard.type(kind)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


def _choose(page, select, text: str) -> None:
    """A select, as keyboard users pick an option: focus it and type the start of the option's text."""
    select.focus()
    page.keyboard.type(text)
    expect(select.locator("option:checked")).to_contain_text(text)


def test_an_editor_builds_a_conditional_form_and_residents_fill_it_in_both_ways(
    page, live_url, staff_login, browser, request, e2e_env
):
    staff_login(page, "redacteur")
    _press(page, page.locator(".sidebar-main-menu").get_by_role("link", name="Formulieren"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Formulieren")
    _press(page, page.get_by_role("link", name="Formulier toevoegen"))

    page.locator("#id_name").focus()
    page.keyboard.type(FORM_NAME)
    expect(page.locator("#id_slug")).to_have_value("tegemoetkoming-kinderopvang")
    expect(page.locator("#id_required_loa")).to_be_visible()
    page.locator("#id_login_required").focus()
    page.keyboard.press("Space")
    expect(page.locator("#id_required_loa")).to_be_hidden()  # the level only matters with DigiD
    page.keyboard.press("Space")
    expect(page.locator("#id_required_loa")).to_be_visible()

    _press(page, page.get_by_role("button", name="Stap toevoegen").last)
    expect(page.locator('[name="steps-0-value-title"]')).to_be_focused()
    page.keyboard.type("Uw gezin")
    expect(page.locator('[name="steps-0-value-key"]')).to_have_value("uw_gezin")
    _add_block(page, page.get_by_role("button", name="Vraag toevoegen").last, "Ja of nee")
    expect(page.locator('[name="steps-0-value-fields-0-value-label"]')).to_be_focused()
    page.keyboard.type("Heeft u kinderen?")
    expect(page.locator('[name="steps-0-value-fields-0-value-key"]')).to_have_value("heeft_u_kinderen")

    _press(page, page.get_by_role("button", name="Stap toevoegen").last)
    expect(page.locator('[name="steps-1-value-title"]')).to_be_focused()
    page.keyboard.type("Uw kinderen")
    _add_block(page, page.get_by_role("button", name="Vraag toevoegen").last, "Getal")
    expect(page.locator('[name="steps-1-value-fields-0-value-label"]')).to_be_focused()
    page.keyboard.type("Hoeveel kinderen heeft u?")
    expect(page.locator('[name="steps-1-value-fields-0-value-key"]')).to_have_value("hoeveel_kinderen_heeft_u")

    # Broken JSON under "Geavanceerd" is named, and the rows keep the last good rules.
    _press(page, page.get_by_text("Geavanceerd: de regels als JsonLogic"))
    page.locator("#id_rules").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("[{niet json")
    page.keyboard.press("Tab")
    expect(page.get_by_role("alert").filter(has_text="geen geldige lijst van regels")).to_be_visible()
    page.locator("#id_rules").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("[]")
    page.keyboard.press("Tab")
    expect(page.get_by_text("geen geldige lijst van regels")).to_be_hidden()

    # The rule, in words: als "Heeft u kinderen?" is Ja, dan toon stap "Uw kinderen".
    _press(page, page.get_by_role("button", name="Regel toevoegen"))
    builder = page.locator("[data-rule-builder]")
    question = builder.get_by_label("Vraag", exact=True)
    expect(question).to_be_focused()
    _choose(page, question, "Heeft u kinderen?")
    expect(builder.get_by_label("Waarde", exact=True).locator("option:checked")).to_have_text("Ja")
    _choose(page, builder.get_by_label("Actie"), "toon stap")
    _choose(page, builder.get_by_label("Welke stap"), "Uw kinderen")
    builder.get_by_label("Omschrijving (voor uzelf en collega's)").focus()
    page.keyboard.type("Alleen met kinderen")
    assert json.loads(page.locator("#id_rules").input_value()) == [
        {
            "when": {"==": [{"var": "heeft_u_kinderen"}, True]},
            "then": "show_step",
            "target": "uw_kinderen",
            "description": "Alleen met kinderen",
        }
    ]
    builder_findings = _axe.run(page, context="[data-rule-builder]", options=AXE_OPTIONS).response["violations"]
    assert builder_findings == [], builder_findings

    _press(page, page.get_by_role("button", name="Toon/verberg voorvertoning"))
    preview = page.frame_locator("iframe[title]").first
    expect(preview.get_by_role("heading", name="Stap 2 van 2: Uw kinderen")).to_be_visible(timeout=15_000)
    expect(preview.get_by_text("alleen gevraagd als de regels")).to_be_visible()

    _publish(page)
    expect(page.get_by_text(FORM_NAME).first).to_be_visible()
    expect(page).to_have_url(live_url + "/cms/snippets/forms_engine/formdefinition/")
    expect(page.get_by_role("row").filter(has_text=FORM_NAME)).to_contain_text(re.compile("live", re.IGNORECASE))

    # Under the service page, as a child page: the service links to it without further steps.
    page.goto(live_url + "/cms/pages/")
    _press(
        page, page.get_by_role("link", name="Bekijk de onderliggende pagina's van 'Welkom bij Gemeente Voorbeeldstad'")
    )
    _press(page, page.get_by_role("link", name="Bekijk de onderliggende pagina's van 'Producten en diensten'"))
    # (a service page without a form of its own; the demo's bijzondere bijstand has one)
    service_row = page.get_by_role("row").filter(has_text="Parkeervergunning voor bewoners")
    _press(page, service_row.get_by_role("button", name="Meer opties voor 'Parkeervergunning voor bewoners'"))
    _press(page, service_row.get_by_role("link", name="Voeg onderliggende pagina toe"))
    page.locator("#id_title").focus()
    page.keyboard.type("Aanvragen")
    _press(page, page.get_by_role("button", name="Kies formulier"))
    _press(page, page.get_by_role("dialog").get_by_role("link", name=FORM_NAME))
    expect(page.locator("[data-chooser-title], .chooser__title").first).to_contain_text(FORM_NAME)
    expect(page.get_by_role("dialog")).to_have_count(0)  # the chooser has faded out: the keyboard is the page's again
    _publish(page)
    expect(page.get_by_text(re.compile("Aanvragen.*gepubliceerd"))).to_be_visible()

    # The resident, in a browser of their own.
    resident_page, problems = _new_page(browser, request)
    _resident_fills_in(resident_page, live_url, children=False)
    _resident_fills_in(resident_page, live_url, children=True)
    assert problems.items == []
    stored = manage(e2e_env, "shell", "-c", STORED_ANSWERS.format(slug="tegemoetkoming-kinderopvang"))
    assert json.loads(stored.strip().splitlines()[-1]) == [
        {"heeft_u_kinderen": False},
        {"heeft_u_kinderen": True, "hoeveel_kinderen_heeft_u": 2},
    ], "values are stored, not labels; the skipped step leaves nothing behind"


STORED_ANSWERS = """
import json
from forms_engine.models import Submission
rows = Submission.objects.filter(form__slug="{slug}").order_by("created_at").values_list("data", flat=True)
print(json.dumps(list(rows)))
"""


def _resident_fills_in(page, live_url, *, children: bool) -> None:
    page.goto(live_url + "/producten-en-diensten/parkeervergunning-bewoners/")
    _press(page, page.get_by_role("link", name="Regel het online"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile("^Inloggen$|Uw gezin"))
    if heading.inner_text() == "Inloggen":
        _press(page, page.get_by_role("link", name="Inloggen met DigiD"))
        expect(heading).to_have_text("Inloggen met DigiD")
        page.get_by_label("Fatima El Amrani", exact=False).focus()
        page.keyboard.press("Space")
        _press(page, page.get_by_role("button", name="Inloggen", exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Uw gezin")
    expect(page.get_by_text("Stap 1 van")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ja" if children else "Nee", exact=True).focus()
    page.keyboard.press("Space")
    _press(page, page.get_by_role("button", name="Volgende"))
    if children:
        expect(page.get_by_role("heading", level=1)).to_contain_text("Uw kinderen")
        assert_accessible(page)
        page.get_by_label("Hoeveel kinderen heeft u?").focus()
        page.keyboard.type("2")
        _press(page, page.get_by_role("button", name="Volgende"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Controleer uw antwoorden")
    children_step = page.get_by_role("region", name="Uw kinderen")
    if children:
        expect(children_step).to_contain_text("Hoeveel kinderen heeft u?")
        expect(children_step.locator("dd")).to_have_text("2")
    else:
        expect(children_step).to_have_count(0)
    expect(page.get_by_role("region", name="Uw gezin").locator("dd")).to_have_text("Ja" if children else "Nee")
    assert_accessible(page)
    page.get_by_label("Ik heb deze gegevens naar waarheid ingevuld.").focus()
    page.keyboard.press("Space")
    _press(page, page.get_by_role("button", name="Versturen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw aanvraag is verstuurd")
    assert_accessible(page)


def test_the_preview_reads_well_at_320_px_and_without_javascript(page, live_url, staff_login, browser, request):
    """The preview is a resident's page: axe-clean, no sideways scrolling at 320 px, complete without scripts."""
    staff_login(page, "redacteur")
    _press(page, page.locator(".sidebar-main-menu").get_by_role("link", name="Formulieren"))
    _press(page, page.get_by_role("link", name="Verhuizing doorgeven"))
    _press(page, page.get_by_role("button", name="Toon/verberg voorvertoning"))
    frame = page.frame_locator("iframe[title]").first
    expect(frame.get_by_role("heading", name="Stap 4 van 4: Bewijs van bewoning")).to_be_visible(timeout=15_000)
    mode = page.locator("select[name='preview-mode'], #id_preview_mode").first
    _choose(page, mode, "Ingelogd als Jan Willem de Vries")
    expect(frame.get_by_text("Marktstraat 1").first).to_be_visible(timeout=15_000)
    preview_url = page.locator("iframe[title]").first.get_attribute("src")

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_url + preview_url.removeprefix(live_url))
    expect(page.get_by_text("zo ziet een ingelogde inwoner dit formulier")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    cookies = page.context.cookies()
    without_js, problems = _new_page(browser, request, java_script_enabled=False)
    without_js.context.add_cookies(cookies)
    without_js.goto(live_url + preview_url.removeprefix(live_url))
    expect(without_js.get_by_role("heading", name="Stap 1 van 4: Over u")).to_be_visible()
    expect(without_js.get_by_text("Marktstraat 1").first).to_be_visible()
    assert problems.items == []
