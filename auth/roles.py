"""Staff roles as Django groups: what each seat in the municipality may open in the admin, and nothing more.

Editors keep the public content and the forms; case handlers see their own teams' cases (the team, not the
role, decides which case types: see `portal.cases.selectors.case_types_for_staff`); appointment staff keep
products, locations and schedules and work the day lists; notice staff keep the proactive notices;
finance sees payments, refunds them and exports the day's figures; counter and contact-centre staff fill in
forms for residents; report managers keep the report categories
(handling the reports themselves goes by team, as for cases); the records team keeps retention terms and
legal holds and reviews and approves destruction lists (two people). Only an
administrator is a superuser. `ensure_roles()` is idempotent: run by the demo and by `manage.py staff_roles`,
it sets each role's model permissions to exactly these and adds its page and collection rights."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

EDITOR = "Redacteuren"
CASE_HANDLER = "Zaakbehandelaars"
APPOINTMENT_STAFF = "Afsprakenbeheer"
NOTICE_STAFF = "Voormeldingen"
FINANCE = "Financiën"
RECORDS = "Archief"
REPORT_MANAGER = "Meldingenbeheer"
ASSIST = "Balie en klantcontact"

ADMIN_ACCESS = ("wagtailadmin", ["access_admin"])
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}

# role → (description, [(app label, [codenames] or None for all of the app's)], may edit pages and media)
ROLES: dict[str, tuple[str, list[tuple[str, list[str] | None]], bool]] = {
    EDITOR: (
        _("Pagina's, afbeeldingen, documenten, formulieren en de gegevens van de gemeente."),
        [
            ADMIN_ACCESS,
            (
                "forms_engine",
                [
                    "add_formdefinition",
                    "change_formdefinition",
                    "delete_formdefinition",
                    "publish_formdefinition",
                    "lock_formdefinition",
                    "unlock_formdefinition",
                ],
            ),
            ("cms", ["change_municipalitysettings"]),
            # Wagtail's "Translate" on a page: its English version to write (issue 22); case types' texts likewise.
            ("simple_translation", ["submit_translation"]),
            ("cases", ["translate_casetype"]),
        ],
        True,
    ),
    CASE_HANDLER: (
        _("Zaken van de eigen teams; de afleveringen van hun formulieren; de dienstverleningscijfers."),
        [ADMIN_ACCESS, ("opendata", ["view_service_figures"])],
        False,
    ),
    APPOINTMENT_STAFF: (
        _("Producten, locaties, balies en ceremonies; de dagoverzichten van afspraken."),
        [ADMIN_ACCESS, ("appointments", None)],
        False,
    ),
    NOTICE_STAFF: (
        _("Voormeldingen: regels, categorieën, gebieden en brieven."),
        [ADMIN_ACCESS, ("notices", None)],
        False,
    ),
    RECORDS: (
        _("Archief: bewaartermijnen per zaaktype, bewaarplichten, vernietigingslijsten beoordelen en goedkeuren."),
        [ADMIN_ACCESS, ("records", None), ("cases", ["view_casetype", "change_casetype"])],
        False,
    ),
    REPORT_MANAGER: (
        _("Meldingen openbare ruimte: categorieën, teams, afhandeltermijnen, voorbeeldteksten, wijken en apps."),
        [
            ADMIN_ACCESS,
            (
                "reports",
                [
                    *(
                        f"{action}_{model}"
                        for model in ("category", "district")
                        for action in ("add", "change", "delete", "view")
                    ),
                    "view_clientapp",
                    "change_clientapp",
                ],
            ),
        ],
        False,
    ),
    ASSIST: (
        _("Een formulier invullen namens een inwoner, aan de balie of de telefoon (het BSN opgezocht in de BRP)."),
        [ADMIN_ACCESS, ("forms_engine", ["assist_resident"])],
        False,
    ),
    FINANCE: (
        _("Betalingen: zoeken, terugbetalen met een reden, en de dagafsluiting voor de financiële administratie."),
        [ADMIN_ACCESS, ("payments", ["view_payment", "refund_payment"])],
        False,
    ),
}


def _permissions(grants: list[tuple[str, list[str] | None]]):
    condition = Q(pk__in=[])
    for app_label, codenames in grants:
        app = Q(content_type__app_label=app_label)
        condition |= app if codenames is None else app & Q(codename__in=codenames)
    return Permission.objects.filter(condition)


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    groups = {}
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for name, (_description, grants, edits_content) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(grants))
        if edits_content and root_page is not None:
            for permission in Permission.objects.filter(
                content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
            ):
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
            for permission in _permissions(list(COLLECTION_PERMISSIONS.items())):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
        groups[name] = group
    return groups


def assign_role(user, role: str) -> None:
    """Puts a user in a role's group; their own loose permissions are dropped so the group alone decides."""
    group = Group.objects.get(name=role)
    user.groups.add(group)
    user.user_permissions.clear()
