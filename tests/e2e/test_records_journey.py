"""The records team's seats, clicked as they work: one archivist reviews the demo's destruction list by keyboard, a
second approves it and the case is gone while the list stays as the record; a legal hold is placed from the
admin; the retention of a case type is changed. axe on every screen; a review also without JavaScript at 320 px."""

import re

from playwright.sync_api import expect

from tests.e2e.a11y import assert_admin_accessible
from tests.e2e.conftest import _new_page, manage

TIMEOUT = 15_000
OPEN_CASE = "from portal.cases.models import Case; print(Case.objects.filter(closed_at__isnull=True)[0].identification)"
# Another resident's extract closed long ago, and the run that puts it on a new list.
NEW_LIST = (
    "from auth.services import resident_get_or_create; from portal.cases.demo import load_expired_case; "
    "from portal.records.services import retention_run; "
    "load_expired_case(resident_get_or_create(bsn='999980014')); print(retention_run()[0].number)"
)


def _open_from_menu(page, group: str | None, link: str, heading: str = "") -> None:
    menu = page.locator(".sidebar-main-menu")
    if group:
        menu.get_by_role("button", name=group).focus()
        page.keyboard.press("Enter")
    menu.get_by_role("link", name=link).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading or link, timeout=TIMEOUT)


def _shell(env: dict, code: str) -> str:
    """What a line of Python prints last in `manage.py shell` against the live server's database."""
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


def _press(page, locator) -> None:
    locator.focus()
    page.keyboard.press("Enter")


def test_one_archivist_reviews_and_another_approves_a_destruction_list(
    browser, request, live_url, staff_login, e2e_env
):
    reviewer, _problems = _new_page(browser, request)
    staff_login(reviewer, "archivaris")
    _open_from_menu(reviewer, None, "Vernietigingslijsten")
    assert_admin_accessible(reviewer)
    _press(reviewer, reviewer.get_by_role("link", name=re.compile(r"^VL-\d{4}-")).first)
    expect(reviewer.get_by_role("heading", level=1)).to_contain_text("VL-", timeout=TIMEOUT)
    row = reviewer.get_by_role("row").filter(has_text="Uittreksel BRP")
    identification = row.get_by_role("rowheader").inner_text().strip()
    assert identification.startswith("ZAAK-")
    assert_admin_accessible(reviewer)

    # Ticking "keep" without saying why is answered at the field; then the review goes through without keeping.
    reviewer.get_by_label(f"{identification} niet vernietigen").focus()
    reviewer.keyboard.press("Space")
    _press(reviewer, reviewer.get_by_role("button", name="Beoordeling afronden"))
    expect(reviewer.get_by_text("Zeg waarom dit niet vernietigd mag worden.")).to_be_visible(timeout=TIMEOUT)
    assert_admin_accessible(reviewer)
    reviewer.get_by_label(f"{identification} niet vernietigen").focus()
    reviewer.keyboard.press("Space")
    _press(reviewer, reviewer.get_by_role("button", name="Beoordeling afronden"))
    expect(reviewer.get_by_text("Beoordeeld. Een tweede persoon keurt de lijst nu goed.")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(reviewer.get_by_text("Een tweede persoon moet haar goedkeuren.")).to_be_visible()
    expect(reviewer.get_by_role("button", name="Goedkeuren en vernietigen")).to_have_count(0)
    assert_admin_accessible(reviewer)
    list_url = reviewer.url

    approver, _problems = _new_page(browser, request)
    staff_login(approver, "informatiebeheerder")
    _open_from_menu(approver, None, "Vernietigingslijsten")
    expect(approver.get_by_role("row").filter(has_text="wacht op goedkeuring")).to_have_count(1)
    approver.goto(list_url)
    assert_admin_accessible(approver)
    _press(approver, approver.get_by_role("button", name="Goedkeuren en vernietigen"))
    expect(approver.get_by_text("Goedgekeurd.")).to_be_visible(timeout=TIMEOUT)
    # The worker destroys it; the list, reloaded, says so.
    for _attempt in range(30):
        approver.reload()
        if approver.get_by_role("cell", name="vernietigd", exact=True).count():
            break
        approver.wait_for_timeout(500)
    expect(approver.get_by_role("cell", name="vernietigd", exact=True)).to_be_visible()
    expect(approver.get_by_text("Demo Archivaris")).to_be_visible()
    assert_admin_accessible(approver)
    count = (
        f"from portal.cases.models import Case; print(Case.objects.filter(identification='{identification}').count())"
    )
    assert _shell(e2e_env, count) == "0", "the case is gone from the database"


def test_a_legal_hold_and_a_retention_term_are_kept_from_the_admin(page, live_url, staff_login, e2e_env):
    case = _shell(e2e_env, OPEN_CASE)
    staff_login(page, "archivaris")
    _open_from_menu(page, "Archief", "Bewaarplichten")
    assert_admin_accessible(page)
    _press(page, page.get_by_role("link", name="Bewaarplicht toevoegen").first)
    page.get_by_label("Soort").select_option(label="zaak")
    page.get_by_label("Zaaknummer of kenmerk").focus()
    page.keyboard.type("ZAAK-1999-000001")
    page.get_by_label("Reden").focus()
    page.keyboard.type("Rechtszaak over de aanvraag")
    _press(page, page.get_by_role("button", name="Toevoegen"))
    expect(page.get_by_text("Er is geen zaak met dit nummer.")).to_be_visible(timeout=TIMEOUT)
    page.get_by_label("Zaaknummer of kenmerk").fill("")
    page.get_by_label("Zaaknummer of kenmerk").focus()
    page.keyboard.type(case)
    _press(page, page.get_by_role("button", name="Toevoegen"))
    expect(page.get_by_role("link", name=case)).to_be_visible(timeout=TIMEOUT)
    _press(page, page.get_by_role("link", name=case))
    expect(page.get_by_label("Reden")).to_have_value("Rechtszaak over de aanvraag", timeout=TIMEOUT)

    _open_from_menu(page, "Archief", "Bewaartermijnen", heading="Zaaktypen")
    assert_admin_accessible(page)
    _press(page, page.get_by_role("link", name="Melding openbare ruimte"))
    page.get_by_label("Bewaartermijn (jaren na afhandeling)").fill("3")
    _press(page, page.get_by_role("button", name="Opslaan"))
    expect(page.get_by_role("row").filter(has_text="Melding openbare ruimte")).to_contain_text("3", timeout=TIMEOUT)


def test_a_list_is_reviewed_without_javascript_and_reads_at_320_px(browser, request, live_url, staff_login, e2e_env):
    number = _shell(e2e_env, NEW_LIST)
    page, _problems = _new_page(browser, request, java_script_enabled=False, viewport={"width": 320, "height": 800})
    staff_login(page, "informatiebeheerder")
    page.goto(live_url + "/cms/archief/vernietigingslijsten/")
    expect(page.get_by_role("heading", name="Vernietigingslijsten")).to_be_visible()
    _press(page, page.get_by_role("link", name=number))
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    expect(page.get_by_role("table", name="Op deze lijst")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # The table scrolls in its own box: its last column is reached, not cut off.
    keep = page.get_by_role("checkbox", name=re.compile("niet vernietigen$"))
    keep.scroll_into_view_if_needed()
    box = keep.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    _press(page, page.get_by_role("button", name="Beoordeling afronden"))
    expect(page.get_by_text("Beoordeeld. Een tweede persoon keurt de lijst nu goed.")).to_be_visible()
    expect(page.get_by_role("button", name="Goedkeuren en vernietigen")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
