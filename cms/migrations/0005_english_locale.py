from django.db import migrations


def add_english(apps, schema_editor):
    """Every installation serves English pages at /en/ (issue 22); the locale exists before any page does."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_service_online_page"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(add_english, migrations.RunPython.noop)]
