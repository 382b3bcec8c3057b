from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalAuthConfig(AppConfig):
    name = "auth"
    # `auth` is django.contrib.auth's label; ours must differ.
    label = "portal_auth"
    verbose_name = _("Inloggen en accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from auth.middleware import start_session_clock
        from auth.views import remember_language

        user_logged_in.connect(start_session_clock, dispatch_uid="loket-session-clock")
        user_logged_in.connect(remember_language, dispatch_uid="loket-account-language")
