"""Who sees what in the admin: every demo account holds its role's rights and nothing more, and every seat's
menu items, listings and objects answer as that role should (others are sent back to the dashboard or get 404)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from auth import roles
from tests.helpers import login_staff

ADMIN_HOME = "/cms/"
LOKET_MENU = {
    "Zaken": "/cms/zaken/",
    "Afleveringen": "/cms/afleveringen/",
    "Invullen namens inwoner": "/cms/namens-inwoner/",
    "Formulieren": "/cms/snippets/forms_engine/formdefinition/",
    "Producten": "/cms/snippets/appointments/product/",
    "Dagoverzicht afspraken": "/cms/afspraken/",
    "Voormeldingsregels": "/cms/snippets/notices/noticerule/",
    "Voormeldingen: overzicht": "/cms/voormeldingen/",
    "Betalingen": "/cms/betalingen/",
    "Meldingen": "/cms/meldingen/",
    "Meldingscategorieën": "/cms/snippets/reports/category/",
    "Wijken (meldingen)": "/cms/snippets/reports/district/",
    "Apps (Open311)": "/cms/meldingen/apps/",
    "Vernietigingslijsten": "/cms/archief/vernietigingslijsten/",
    "Bewaarplichten": "/cms/archief/bewaarplichten/",
    "Bewaartermijnen": "/cms/archief/bewaartermijnen/",
    "Pagina's": "/cms/pages/",
    "Vertalingen": "/cms/vertalingen/",
    "Gebruikers": "/cms/users/",
    "Groepen": "/cms/groups/",
    "Sites": "/cms/sites/",
}
# account → the menu items of LOKET_MENU it sees (all others it must not see, nor open)
SEES = {
    "beheerder": set(LOKET_MENU),
    "redacteur": {"Formulieren", "Pagina's", "Vertalingen"},
    "medewerker-burgerzaken": {
        "Zaken",
        "Afleveringen",
        "Producten",
        "Dagoverzicht afspraken",
        "Invullen namens inwoner",
        "Vertalingen",
    },
    "medewerker-belastingen": {
        "Zaken",
        "Afleveringen",
        "Voormeldingsregels",
        "Voormeldingen: overzicht",
        "Vertalingen",
    },
    "medewerker-werk-en-inkomen": {"Zaken", "Afleveringen"},
    "medewerker-openbare-ruimte": {
        "Zaken",
        "Afleveringen",
        "Meldingen",
        "Meldingscategorieën",
        "Wijken (meldingen)",
        "Apps (Open311)",
        "Vertalingen",
    },
    "medewerker-financien": {"Betalingen"},
    "archivaris": {"Vernietigingslijsten", "Bewaarplichten", "Bewaartermijnen"},
    "informatiebeheerder": {"Vernietigingslijsten", "Bewaarplichten", "Bewaartermijnen"},
}


def _menu_urls(request_factory, user) -> set[str]:
    # As on a server, the admin's URLs (and with them its viewsets' menu items) are loaded before a menu is built.
    reverse("wagtailadmin_home")
    request = request_factory.get(ADMIN_HOME)
    request.user = user
    request.session = {}
    found = set()

    def walk(items):
        for item in items:
            if getattr(item, "menu", None) is not None:
                walk(item.menu.menu_items_for_request(request))
            else:
                found.add(item.url)

    walk(admin_menu.menu_items_for_request(request))
    return found


def _staff(client, username):
    user = get_user_model().objects.get(username=username)
    login_staff(client, user)
    return user


def test_only_the_administrator_is_a_superuser(demo_site):
    staff = get_user_model().objects.filter(is_staff=True)
    assert set(staff.filter(is_superuser=True).values_list("username", flat=True)) == {"beheerder"}
    assert set(staff.values_list("username", flat=True)) == set(SEES)
    for user in staff.exclude(is_superuser=True):
        assert user.groups.exists() and not user.user_permissions.exists(), f"{user}: rights come from roles only"
    assert set(get_user_model().objects.get(username="redacteur").groups.values_list("name", flat=True)) == {
        roles.EDITOR
    }


def test_loading_the_demo_again_takes_superuser_rights_from_an_old_demo_editor(demo_site):
    from django.core.management import call_command

    get_user_model().objects.filter(username="redacteur").update(is_superuser=True)
    call_command("demo", stdout=__import__("io").StringIO())
    assert not get_user_model().objects.get(username="redacteur").is_superuser


@pytest.mark.parametrize("username", sorted(SEES))
def test_each_seat_sees_its_menu_items_and_can_open_them(client, rf, demo_site, username):
    user = _staff(client, username)
    shown = _menu_urls(rf, user)
    for label, url in LOKET_MENU.items():
        if label in SEES[username]:
            assert url in shown, f"{username} should see {label}"
            assert client.get(url).status_code == 200, f"{username} opens {label}"
        else:
            assert url not in shown, f"{username} must not see {label}"
            response = client.get(url)
            assert response.status_code in (302, 403, 404), f"{username} must not open {label}"
            if response.status_code == 302:
                assert response.url == ADMIN_HOME, f"{username} is sent back from {label}"


@pytest.mark.parametrize(
    ("username", "answer"),
    [
        ("beheerder", 200),
        ("medewerker-burgerzaken", 200),
        ("medewerker-werk-en-inkomen", 404),  # another team's case
        ("redacteur", 302),  # no case handler at all: back to the dashboard
    ],
)
def test_a_case_and_its_resident_record_open_for_its_own_team_only(client, demo_site, username, answer):
    from auth.services import resident_get_or_create
    from portal.cases.models import CaseType
    from portal.cases.services import case_create

    # A resident whose only case is Burgerzaken's: their record is none of another team's business.
    case = case_create(
        case_type=CaseType.objects.get(name="Verhuizing"), resident=resident_get_or_create(bsn="999993653")
    )
    _staff(client, username)
    for url in (f"/cms/zaken/{case.uuid}/", f"/cms/zaken/inwoner/{case.resident.uuid}/"):
        response = client.get(url)
        assert response.status_code == answer, url
        if answer == 302:
            assert response.url == ADMIN_HOME


def test_the_staff_roles_command_is_idempotent(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("staff_roles", stdout=out)
    call_command("staff_roles", stdout=out)
    groups = roles.ensure_roles()
    assert set(groups) == set(roles.ROLES)
    editor = groups[roles.EDITOR]
    assert editor.permissions.filter(codename="publish_formdefinition").exists()
    # Of the cases, editors only write what residents read of the case types in other languages.
    cases = editor.permissions.filter(content_type__app_label="cases").values_list("codename", flat=True)
    assert list(cases) == ["translate_casetype"]
    assert editor.page_permissions.count() == len(roles.PAGE_PERMISSIONS)
    assert "8 roles ready" in out.getvalue()


# Loket's own snippets and the seats that keep them (everyone else is sent back to the dashboard).
SNIPPET_KEEPERS = {
    "forms_engine.formdefinition": {"beheerder", "redacteur"},
    "appointments.product": {"beheerder", "medewerker-burgerzaken"},
    "appointments.location": {"beheerder", "medewerker-burgerzaken"},
    "appointments.resource": {"beheerder", "medewerker-burgerzaken"},
    "appointments.ceremonytype": {"beheerder", "medewerker-burgerzaken"},
    "notices.noticerule": {"beheerder", "medewerker-belastingen"},
    "notices.noticecategory": {"beheerder", "medewerker-belastingen"},
    "reports.category": {"beheerder", "medewerker-openbare-ruimte"},
    "reports.district": {"beheerder", "medewerker-openbare-ruimte"},
}


def test_every_loket_snippet_is_registered_with_its_keepers():
    from wagtail.snippets.models import get_snippet_models

    own = {
        model._meta.label_lower
        for model in get_snippet_models()
        if model.__module__.split(".")[0] in ("portal", "forms_engine", "cms", "auth")
    }
    assert own == set(SNIPPET_KEEPERS), "a new snippet needs its row in this matrix"


@pytest.mark.parametrize("username", sorted(SEES))
def test_each_seat_opens_the_listing_add_and_edit_screens_of_its_own_snippets_only(client, demo_site, username):
    from django.apps import apps

    _staff(client, username)
    for label, keepers in SNIPPET_KEEPERS.items():
        model = apps.get_model(label)
        base = f"/cms/snippets/{model._meta.app_label}/{model._meta.model_name}/"
        first = model.objects.order_by("pk").first()
        assert first is not None, f"the demo has a {label}"
        for url in (base, f"{base}add/", f"{base}edit/{first.pk}/"):
            response = client.get(url)
            if username in keepers:
                assert response.status_code == 200, f"{username} opens {url}"
            else:
                assert (response.status_code, response.url) == (302, ADMIN_HOME), f"{username} may not open {url}"
