from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "portal.notices"
    label = "notices"
    verbose_name = _("Voormeldingen")

    def ready(self):
        from portal.notices import signals

        signals.connect()
