from django.utils.translation import gettext_lazy as _

from auth import loa as levels
from forms_engine.prefill.base import PrefillPlugin
from forms_engine.prefill.registry import registry


@registry.register("auth")
class AuthPrefill(PrefillPlugin):
    """What the login itself tells: the BSN (for forms that must pass it on) and the level of assurance."""

    verbose_name = _("Inloggegevens (DigiD)")

    def get_available_attributes(self):
        return [("bsn", _("Burgerservicenummer")), ("betrouwbaarheidsniveau", _("Betrouwbaarheidsniveau"))]

    def get_prefill_values(self, *, resident, attributes, loa=""):
        values = {}
        if "bsn" in attributes and getattr(resident, "is_resident", False):
            values["bsn"] = resident.bsn
        if "betrouwbaarheidsniveau" in attributes and levels.is_known(loa):
            values["betrouwbaarheidsniveau"] = str(levels.label(loa))
        return values
