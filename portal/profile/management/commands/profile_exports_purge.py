from django.core.management.base import BaseCommand

from portal.profile.services import data_exports_purge


class Command(BaseCommand):
    help = "Delete residents' data downloads past their 7 days, files included. Idempotent."

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"Deleted {data_exports_purge()} data downloads."))
