from django.core.management.base import BaseCommand

from portal.appointments.services import reminders_send
from portal.appointments.wedding.services import weddings_expire


class Command(BaseCommand):
    help = (
        "Send reminders for appointments within 24 hours and free the time of wedding reservations the partner did "
        "not confirm in 7 days. Run every hour; safe to repeat and to run on several machines at once."
    )

    def handle(self, *args, **options):
        reminders = reminders_send()
        expired = weddings_expire()
        self.stdout.write(f"{reminders} reminders sent, {expired} provisional wedding reservations expired")
