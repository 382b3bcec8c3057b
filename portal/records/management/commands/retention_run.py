from django.core.management.base import BaseCommand

from portal.records.services import retention_run


class Command(BaseCommand):
    help = "Propose a destruction list of what has passed its retention term (legal holds skipped). Idempotent."

    def handle(self, *args, **options):
        proposed = retention_run()
        if not proposed:
            self.stdout.write(self.style.SUCCESS("Nothing new has passed its retention term."))
        for destruction_list in proposed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Proposed destruction list {destruction_list.number} with {destruction_list.items.count()} items."
                )
            )
