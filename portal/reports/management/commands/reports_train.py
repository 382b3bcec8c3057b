from django.core.management.base import BaseCommand

from portal.reports.suggest import suggester_train


class Command(BaseCommand):
    help = "Retrain the report category suggester from the example texts staff keep per category."

    def handle(self, *args, **options):
        trained = suggester_train()
        if trained is None:
            self.stdout.write("Not trained: fewer than two active categories have example texts.")
            return
        self.stdout.write(f"Trained on {trained.examples} examples of {len(trained.payload['classes'])} categories.")
