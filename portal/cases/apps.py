from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "portal.cases"
    label = "cases"
    verbose_name = _("Zaken")

    def ready(self):
        from portal.cases.retention import RULE
        from portal.records.retention import register

        register(RULE)

        from portal.cases.models import CaseType, StatusType
        from portal.cases.translate import PERMISSION, case_type_items
        from portal.core.translation_overview import kinds

        kinds.register(
            "case_types",
            _("Zaaktypen"),
            models=(CaseType, StatusType),
            permission=PERMISSION,
            items=case_type_items,
            order=40,
        )
