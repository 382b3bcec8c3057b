from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalAuthConfig(AppConfig):
    name = "auth"
    # `auth` is django.contrib.auth's label; ours must differ.
    label = "portal_auth"
    verbose_name = _("Inloggen en accounts")
