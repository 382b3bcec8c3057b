from django.core.management.base import BaseCommand

from portal.reports.services import draft_photos_purge


class Command(BaseCommand):
    help = "Delete the photos of report drafts that were never sent (older than a day)."

    def handle(self, *args, **options):
        self.stdout.write(f"{draft_photos_purge()} draft photo(s) deleted.")
