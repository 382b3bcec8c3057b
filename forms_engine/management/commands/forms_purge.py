from django.core.management.base import BaseCommand

from forms_engine.services import drafts_purge_expired


class Command(BaseCommand):
    help = "Delete drafts past their 30 days, used or expired resume links, and files of forms never sent. Idempotent."

    def handle(self, *args, **options):
        counts = drafts_purge_expired()
        self.stdout.write(
            self.style.SUCCESS(
                f"Purged {counts['drafts']} expired drafts, {counts['links']} resume links, "
                f"{counts['uploads']} files of unsent forms."
            )
        )
