from django.core.management.base import BaseCommand

from auth.roles import ROLES, ensure_roles


class Command(BaseCommand):
    help = "Create or update the staff roles (groups with their permissions). Safe to run again."

    def handle(self, *args, **options):
        groups = ensure_roles()
        for name, group in groups.items():
            self.stdout.write(f"  {name}: {group.permissions.count()} permissions — {ROLES[name][0]}")
        self.stdout.write(self.style.SUCCESS(f"{len(groups)} roles ready. Put staff in them under Gebruikers."))
