from django.core.management.base import BaseCommand

from portal.appointments.services import reminders_send, satisfaction_requests_send
from portal.appointments.wedding.services import weddings_expire


class Command(BaseCommand):
    help = (
        "Send reminders for appointments within 24 hours, ask once how an attended appointment went, and free the "
        "time of wedding reservations the partner did not confirm in 7 days. Run every hour; safe to repeat and to "
        "run on several machines at once."
    )

    def handle(self, *args, **options):
        reminders = reminders_send()
        asked = satisfaction_requests_send()
        expired = weddings_expire()
        self.stdout.write(
            f"{reminders} reminders sent, {asked} asked how it went, {expired} provisional wedding reservations expired"
        )
