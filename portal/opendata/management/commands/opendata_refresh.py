from django.core.management.base import BaseCommand

from portal.opendata.services import figures_refresh


class Command(BaseCommand):
    help = "Recompute the service figures, open datasets and charts from the cases and answers (daily; idempotent)."

    def handle(self, *args, **options):
        refresh = figures_refresh()
        self.stdout.write(f"figures refreshed in {refresh.seconds:.1f} s")
