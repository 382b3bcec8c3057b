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
