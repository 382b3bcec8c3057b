"""Every seat in the admin, clicked through as its user would: each menu item opens (no 500), and every listing,
add and edit screen of Loket's own models that the seat may open does too. axe finds nothing on Loket's own
screens; on Wagtail's generic add and edit screens only the findings that Wagtail itself causes are let through."""

import re

import pytest

from tests.e2e.a11y import AXE_OPTIONS, _axe

LOKET_APPS = ("forms_engine", "appointments", "notices", "cms", "reports")
OWN_SCREENS = re.compile(
    r"^/cms/(zaken|zaaktypen|afleveringen|afspraken|voormeldingen|betalingen|archief|zo-doen-we-het|meldingen|vertalingen)/"
)
# Loket's model screens on Wagtail's generic views (not snippets): listings, add and edit.
# At least: legal holds are added (edited too once one exists; the records journey does); case types are not made
# here, only their terms kept.
MODEL_LISTING_SCREENS = {"/cms/archief/bewaarplichten/": ("new",), "/cms/archief/bewaartermijnen/": ("edit",)}
SNIPPET_LISTING = re.compile(rf"^/cms/snippets/({'|'.join(LOKET_APPS)})/[a-z]+/$")
# Wagtail's own editing screens (not Loket's markup): no h1 in its header, an unlabelled "editing sessions"
# button, its minimap list, and nested StreamField panels sharing a landmark name. Reported upstream material.
WAGTAIL_EDIT_FINDINGS = {"page-has-heading-one", "button-name", "scrollable-region-focusable", "landmark-unique"}

SEATS = {
    "beheerder": {
        "Zaken",
        "Vertalingen",
        "Invullen namens inwoner",
        "Formulieren",
        "Afspraken beheren",
        "Voormeldingen beheren",
        "Betalingen",
        "Archief",
        "Vernietigingslijsten",
        "Zo doen we het",
        "Meldingen",
        "Meldingscategorieën",
        "Wijken (meldingen)",
        "Apps (Open311)",
        "Instellingen",
    },
    "redacteur": {"Formulieren", "Afbeeldingen", "Documenten", "Vertalingen"},
    "medewerker-burgerzaken": {
        "Zaken",
        "Afleveringen",
        "Invullen namens inwoner",
        "Dagoverzicht afspraken",
        "Afspraken beheren",
        "Zo doen we het",
        "Vertalingen",
    },
    "medewerker-belastingen": {
        "Zaken",
        "Voormeldingen beheren",
        "Voormeldingen: overzicht",
        "Zo doen we het",
        "Vertalingen",
    },
    "medewerker-werk-en-inkomen": {"Zaken", "Afleveringen", "Zo doen we het"},
    "medewerker-openbare-ruimte": {
        "Zaken",
        "Afleveringen",
        "Zo doen we het",
        "Meldingen",
        "Meldingscategorieën",
        "Wijken (meldingen)",
        "Apps (Open311)",
        "Vertalingen",
    },
    "medewerker-financien": {"Betalingen"},
    # Bewaarplichten and Bewaartermijnen are under Archief (a submenu), opened below with every other item. The
    # second records account holds the same role; the records journey clicks through it.
    "archivaris": {"Archief", "Vernietigingslijsten"},
}
# Seats without snippet listings of their own: their screens are Loket's custom ones only.
CASE_HANDLERS_ONLY = {"medewerker-werk-en-inkomen", "medewerker-financien"}


def _check(page, path: str, problems: list[str], statuses: dict) -> None:
    status = statuses.get(path)
    if status is not None and status >= 500:
        problems.append(f"{path}: {status}")
        return
    if not (OWN_SCREENS.match(path) or SNIPPET_LISTING.match(path) or path.startswith("/cms/snippets/")):
        return
    generic_edit = path.startswith(("/cms/snippets/", "/cms/archief/bewaar")) and any(
        screen in path for screen in ("/add/", "/new/", "/edit/")
    )
    findings = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    for finding in findings:
        if not (generic_edit and finding["id"] in WAGTAIL_EDIT_FINDINGS):
            problems.append(f"{path}: axe {finding['id']} at {finding['nodes'][0]['target']}")


def _menu(page) -> list[tuple[str | None, str]]:
    """(submenu button or None, link) for every internal menu item, as the sidebar offers them."""
    menu = page.locator(".sidebar-main-menu")
    items = []
    for link in menu.locator(":scope > ul > li > a").all():
        items.append((None, link.get_attribute("href")))
    for button in menu.locator("button[aria-expanded]").all():
        name = button.inner_text().split("\n")[0].strip()
        for href in button.locator("xpath=..").locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
            items.append((name, href))
    return [(button, href) for button, href in items if href and href.startswith("/cms/")]


@pytest.mark.parametrize("username", sorted(SEATS))
def test_every_menu_item_and_own_screen_opens_for_each_seat(page, live_url, staff_login, username):
    statuses: dict[str, int] = {}
    page.on(
        "response",
        lambda response: (
            statuses.__setitem__(response.url.removeprefix(live_url).split("?")[0], response.status)
            if response.request.resource_type == "document"
            else None
        ),
    )
    staff_login(page, username)
    items = _menu(page)
    menu_text = page.locator(".sidebar-main-menu").inner_text()
    for expected in SEATS[username]:
        assert expected in menu_text, f"{username} should see {expected}"

    problems: list[str] = []
    listings = []
    for button, href in items:
        page.goto(live_url + "/cms/")
        if button:
            page.locator(".sidebar-main-menu").get_by_role("button", name=button).click()
        page.locator(f'.sidebar-main-menu a[href="{href}"]').click()
        page.wait_for_load_state()
        path = page.url.removeprefix(live_url).split("?")[0]
        _check(page, path, problems, statuses)
        if SNIPPET_LISTING.match(path) or path in MODEL_LISTING_SCREENS:
            listings.append(path)

    opened = []
    for listing in listings:
        page.goto(live_url + listing)
        add_screen = "new" if listing in MODEL_LISTING_SCREENS else "add"
        add = page.locator(f'a[href="{listing}{add_screen}/"]').first
        if add.count():
            add.click()
            page.wait_for_load_state()
            _check(page, f"{listing}{add_screen}/", problems, statuses)
            opened.append(f"{listing}{add_screen}/")
            page.go_back()
        edit = page.locator(f'table.listing a[href^="{listing}edit/"]').first
        if edit.count():
            edit.click()
            page.wait_for_load_state()
            _check(page, page.url.removeprefix(live_url), problems, statuses)
            opened.append(f"{listing}edit/")
    assert problems == [], "\n".join(problems)
    expected = [
        f"{listing}{screen}/" for listing in listings for screen in MODEL_LISTING_SCREENS.get(listing, ("add", "edit"))
    ]
    assert set(expected) <= set(opened), "every listing's add and edit screens were opened (edit where a row exists)"
    assert bool(listings) != (username in CASE_HANDLERS_ONLY), "the seat's own listings, and only those, were opened"
