from django.utils.translation import gettext_lazy as _

from auth import loa as levels
from forms_engine.prefill.base import PrefillPlugin
from forms_engine.prefill.registry import registry


@registry.register("auth")
class AuthPrefill(PrefillPlugin):
    """What the login itself tells: the BSN or KvK number (for forms that must pass it on) and the level of
    assurance."""

    verbose_name = _("Inloggegevens (DigiD of eHerkenning)")

    def get_available_attributes(self):
        return [
            ("bsn", _("Burgerservicenummer")),
            ("kvk_nummer", _("KvK-nummer (eHerkenning)")),
            ("betrouwbaarheidsniveau", _("Betrouwbaarheidsniveau")),
        ]

    def get_prefill_values(self, *, resident, attributes, loa=""):
        values = {}
        if "bsn" in attributes and getattr(resident, "is_resident", False):
            values["bsn"] = resident.bsn
        if "kvk_nummer" in attributes and getattr(resident, "is_business", False):
            values["kvk_nummer"] = resident.kvk_number
        if "betrouwbaarheidsniveau" in attributes and (levels.label(loa) or levels.eh_label(loa)):
            values["betrouwbaarheidsniveau"] = str(levels.label(loa) or levels.eh_label(loa))
        return values
