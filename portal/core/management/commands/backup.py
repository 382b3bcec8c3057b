from pathlib import Path

from django.core.management.base import BaseCommand

from portal.core.backup import backup


class Command(BaseCommand):
    help = "Back up the database and the public and private media into a new folder, with a manifest of checksums."

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="A folder that does not exist yet.")

    def handle(self, *args, target, **options):
        summary = backup(target)
        self.stdout.write(f"backup in {target}: {summary.rows} rows, {summary.files} files, {summary.seconds:.1f} s")
