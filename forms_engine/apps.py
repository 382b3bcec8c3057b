from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsEngineConfig(AppConfig):
    name = "forms_engine"
    verbose_name = _("Formulieren")

    def ready(self):
        # Contrib plugins register themselves on import.
        from forms_engine.destinations.contrib import case, email, webhook, zgw  # noqa: F401
        from forms_engine.prefill.contrib import auth, bag, brp  # noqa: F401
