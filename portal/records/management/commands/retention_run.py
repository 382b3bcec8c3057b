from django.core.management.base import BaseCommand

from portal.records.services import retention_run


class Command(BaseCommand):
    help = "Propose a destruction list of what has passed its retention term (legal holds skipped). Idempotent."

    def handle(self, *args, **options):
        proposed = retention_run()
        if proposed is None:
            self.stdout.write(self.style.SUCCESS("Nothing new has passed its retention term."))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Proposed destruction list {proposed.number} with {proposed.items.count()} items.")
            )
