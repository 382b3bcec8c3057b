from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "portal.records"
    label = "records"
    verbose_name = _("Archief")

    def ready(self):
        from datetime import timedelta

        from portal.core.scheduler import jobs

        jobs.register("retention_run", command="retention_run", every=timedelta(days=1))
