from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsEngineConfig(AppConfig):
    name = "forms_engine"
    verbose_name = _("Formulieren")

    def ready(self):
        # Contrib plugins register themselves on import.
        from forms_engine import payment  # noqa: F401 - registers the payment purpose
        from forms_engine.destinations.contrib import case, email, webhook, zgw  # noqa: F401
        from forms_engine.prefill.contrib import auth, bag, brp, kvk  # noqa: F401
        from portal.core.scheduler import jobs

        jobs.register("registrations_retry", command="registrations_retry", every=timedelta(minutes=1))
        jobs.register("forms_purge", command="forms_purge", every=timedelta(days=1))

        from forms_engine.retention import RULE
        from portal.records.retention import register

        register(RULE)

        from forms_engine.templatetags.forms_engine_tags import step_items
        from portal.core.jinja import register_functions

        register_functions(step_items=step_items)

        from forms_engine.selectors import registrations_by_state
        from portal.core.metrics import gauges

        gauges.register(
            "registrations",
            "Deliveries of sent forms to their destinations that are still waiting or have failed.",
            registrations_by_state,
            labels=("state",),
        )

        from forms_engine.models import FormDefinition
        from forms_engine.translate import PERMISSION, form_items
        from portal.core.translation_overview import kinds

        kinds.register(
            "forms", _("Formulieren"), models=(FormDefinition,), permission=PERMISSION, items=form_items, order=30
        )
