from django.core.management.base import BaseCommand

from portal.core.models import ACCESS_LOG_YEARS, AccessLogEntry


class Command(BaseCommand):
    help = f"Delete access log entries older than their term ({ACCESS_LOG_YEARS} years). Idempotent."

    def handle(self, *args, **options):
        deleted = AccessLogEntry.objects.purge_expired()
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} access log entries past {ACCESS_LOG_YEARS} years."))
