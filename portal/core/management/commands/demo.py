import logging
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from auth import roles
from auth.services import resident_get_or_create
from cms.demo import load_demo_site, load_english_pages, site_pages
from portal.cases.demo import EXPIRED_CASE_BSN, load_case_types, load_demo_cases, load_expired_case, load_staff

DEMO_EDITOR_USERNAME = "redacteur"
DEMO_ADMIN_USERNAME = "beheerder"
DEMO_FINANCE_USERNAME = "medewerker-financien"
DEMO_RECORDS_ACCOUNTS = [("archivaris", "Archivaris"), ("informatiebeheerder", "Informatiebeheerder")]
DEMO_EDITOR_PASSWORD_DEFAULT = "voorbeeldstad-demo"  # noqa: S105 - fictional demo account, refused in production


class Command(BaseCommand):
    help = "Load the fictional demo municipality (pages, settings, an editor account). Safe to run again."

    def handle(self, *args, **options):
        if not settings.LOKET_DEMO_ALLOWED:
            raise CommandError("Demo data is disabled in these settings (LOKET_DEMO_ALLOWED is false).")
        self.stdout.write("Loading demo data for Gemeente Voorbeeldstad ...")
        # Wagtail logs every page creation; the command's own summary says what matters here.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        site = load_demo_site(self.stdout.write)
        roles.ensure_roles()
        password = os.environ.get("LOKET_DEMO_EDITOR_PASSWORD", DEMO_EDITOR_PASSWORD_DEFAULT)
        editor_created = self._account(DEMO_EDITOR_USERNAME, "Redacteur", password, role=roles.EDITOR)
        self._account(DEMO_ADMIN_USERNAME, "Beheerder", password, superuser=True)
        self._account(DEMO_FINANCE_USERNAME, "Financiën", password, role=roles.FINANCE)
        if settings.LOKET_STAND_IN_REGISTRIES:
            from portal.registries.stand_in.demo import load_personas

            registry = load_personas()
            self.stdout.write(
                f"  registries stand-in: {registry['persons']} persons, {registry['addresses']} addresses"
            )
        case_types = load_case_types()
        # Jan de Vries, the first persona, has cases to follow in Mijn Loket.
        cases = load_demo_cases(resident_get_or_create(bsn="999900006"))
        cases += load_expired_case(resident_get_or_create(bsn=EXPIRED_CASE_BSN))
        self.stdout.write(f"  {case_types} case types; {cases} demo cases created")
        from forms_engine.demo import load_demo_forms, place_demo_forms
        from forms_engine.demo_en import load_demo_form_translations

        forms_created = load_demo_forms()
        pages = place_demo_forms()
        english_pages = load_english_pages(self.stdout.write)
        english_forms = load_demo_form_translations()
        self.stdout.write(f"  forms: {forms_created} created ({english_forms} in English), {pages} form pages placed")
        from portal.appointments.demo import load_demo_appointments

        appointments = load_demo_appointments()
        self.stdout.write(
            f"  appointments: {appointments['products']} products, {appointments['locations']} locations, "
            f"{appointments['resources']} desks, rooms and registrars"
        )
        from portal.opendata.demo import HISTORY_BSN, load_history
        from portal.opendata.services import figures_refresh

        history = load_history(resident_get_or_create(bsn=HISTORY_BSN))
        refresh = figures_refresh()
        self.stdout.write(f"  open data: {history} handled cases of the past year; figures in {refresh.seconds:.1f} s")
        from portal.records.services import retention_run

        proposed = retention_run()
        self.stdout.write(f"  records: {len(proposed)} destruction list(s) proposed")
        from portal.reports.demo import load_demo_reports

        reports = load_demo_reports()
        self.stdout.write(f"  reports: {reports['categories']} categories, {reports['reports']} reports around town")
        staff = load_staff(password)
        self.stdout.write(f"  back-office users (same password as the editor): {', '.join(staff)}")
        # The front office keeps the appointment products and day lists and fills in forms for residents at the
        # counter; the WOZ team the notice rules and letters.
        roles.assign_role(get_user_model().objects.get(username="medewerker-burgerzaken"), roles.APPOINTMENT_STAFF)
        roles.assign_role(get_user_model().objects.get(username="medewerker-burgerzaken"), roles.ASSIST)
        roles.assign_role(get_user_model().objects.get(username="medewerker-belastingen"), roles.NOTICE_STAFF)
        roles.assign_role(get_user_model().objects.get(username="medewerker-openbare-ruimte"), roles.REPORT_MANAGER)
        # Two people in the records team: one reviews a destruction list, the other approves it.
        for username, last_name in DEMO_RECORDS_ACCOUNTS:
            self._account(username, last_name, password, role=roles.RECORDS)
        from portal.notices.demo import load_demo_notices

        rules = load_demo_notices()
        self.stdout.write(f"  notices: {rules} rules created")
        if settings.LOKET_STAND_IN_REGISTRIES:
            from portal.notices.runner import notices_run

            sent = sum(outcome.new_total for outcome in notices_run())
            self.stdout.write(f"  notices run: {sent} new notices")
        if settings.LOKET_STAND_IN_IDP:
            from auth.stand_in_idp.demo import ensure_portal_client
            from auth.stand_in_idp.personas import personas

            created = ensure_portal_client()
            self.stdout.write(
                f"  DigiD stand-in: portal client {'created' if created else 'kept'}, {len(personas())} personas"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {site['pages_created'] + pages + english_pages} pages created, "
                f"{site_pages()} in total; "
                f"editor account {'created' if editor_created else 'kept'}."
            )
        )

    def _account(self, username: str, last_name: str, password: str, *, role="", superuser=False) -> bool:
        """A demo staff account with its role's rights only (an earlier demo's editor was a superuser: no more)."""
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "first_name": "Demo", "last_name": last_name}
        )
        user.is_superuser = superuser
        if created:
            user.set_password(password)
            self.stdout.write(f"  login at /cms/: {username} / {password}")
        user.save()
        if role:
            roles.assign_role(user, role)
        return created
