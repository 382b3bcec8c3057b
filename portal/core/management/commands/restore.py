from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.core.backup import RestoreRefused, restore


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty database and empty media folders; checks the archive's checksums before and "
        "every table's rows and every file's hash after."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="A folder made by `manage.py backup`.")

    def handle(self, *args, source, **options):
        try:
            summary = restore(source)
        except RestoreRefused as refusal:
            raise CommandError(f"restore refused: {refusal}") from None
        self.stdout.write(
            f"restored from {source}: {summary.rows} rows and {summary.files} files checked, {summary.seconds:.1f} s"
        )
