from django.core.management.base import BaseCommand

from forms_engine.delivery import enqueue, registrations_due


class Command(BaseCommand):
    help = "Queue the deliveries whose next attempt is due (run every minute; safe on several machines)."

    def handle(self, *args, **options):
        due = list(registrations_due())
        for registration in due:
            enqueue(registration)
        self.stdout.write(self.style.SUCCESS(f"Queued {len(due)} deliveries."))
