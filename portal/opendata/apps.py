from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "portal.opendata"
    label = "opendata"
    verbose_name = _("Zo doen we het")

    def ready(self):
        from datetime import timedelta

        from portal.core.scheduler import jobs

        jobs.register("opendata_refresh", command="opendata_refresh", every=timedelta(days=1))
