from django.core.management.base import BaseCommand

from portal.payments.services import payments_reconcile


class Command(BaseCommand):
    help = "Ask the payment provider about every payment still open after 15 minutes (a lost webhook heals)."

    def handle(self, *args, **options):
        result = payments_reconcile()
        self.stdout.write(
            f"payments reconciled: {result['asked']} asked, {result['changed']} changed, "
            f"{result['unreachable']} not reachable"
        )
