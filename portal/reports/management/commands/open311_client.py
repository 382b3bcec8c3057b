from django.core.management.base import BaseCommand

from portal.reports.services import client_app_create


class Command(BaseCommand):
    help = "Register an app that may send reports through Open311, and print its API key (shown this once)."

    def add_arguments(self, parser):
        parser.add_argument("name")

    def handle(self, *args, name, **options):
        app, key = client_app_create(name=name)
        self.stdout.write(f"Open311 app '{app.name}' registered. API key (store it now, it is not kept): {key}")
