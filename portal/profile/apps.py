from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfileConfig(AppConfig):
    name = "portal.profile"
    label = "profile"
    verbose_name = _("Mijn gegevens")

    def ready(self):
        from datetime import timedelta

        from portal.core.scheduler import jobs
        from portal.profile import exports  # noqa: F401 -- registers its parts of a data download

        jobs.register("profile_exports_purge", command="profile_exports_purge", every=timedelta(hours=1))
