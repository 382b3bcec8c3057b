from django.utils.translation import gettext_lazy as _

from forms_engine.prefill.base import PrefillPlugin
from forms_engine.prefill.registry import registry
from portal.registries.kvk import Company, KvkClient


def _address(company: Company) -> dict | None:
    address = company.address
    if address is None or not address.postcode:
        return None
    return {
        "postcode": address.postcode,
        "huisnummer": address.house_number,
        "toevoeging": f"{address.house_letter}{address.house_number_addition}",
        "straat": address.street,
        "woonplaats": address.city,
        "gecontroleerd": True,
    }


# attribute → (label for editors, how to read it from the KvK's Basisprofiel)
ATTRIBUTES = {
    "kvk_nummer": (_("KvK-nummer"), lambda c: c.kvk_number),
    "naam": (_("Naam van het bedrijf"), lambda c: c.name),
    "handelsnaam": (_("Eerste handelsnaam"), lambda c: c.trade_names[0] if c.trade_names else c.name),
    "rechtsvorm": (_("Rechtsvorm"), lambda c: c.legal_form),
    "hoofdactiviteit": (_("Hoofdactiviteit (SBI)"), lambda c: c.main_activity),
    "vestigingsnummer": (_("Vestigingsnummer van de hoofdvestiging"), lambda c: c.main_branch_number),
    "adres": (_("Bezoekadres van de hoofdvestiging (postcode, huisnummer, straat, plaats)"), _address),
    "postcode": (_("Postcode van de hoofdvestiging"), lambda c: c.address.postcode if c.address else None),
    "plaats": (_("Plaats van de hoofdvestiging"), lambda c: c.address.city if c.address else None),
}


@registry.register("kvk")
class KvkPrefill(PrefillPlugin):
    """What the KvK Handelsregister says about the business that logged in with eHerkenning (one Basisprofiel call,
    cached for the form session). A resident's form gets nothing from it."""

    verbose_name = _("Handelsregister (KvK)")
    registries = ("KvK",)

    def get_available_attributes(self):
        return [(name, label) for name, (label, _read) in ATTRIBUTES.items()]

    def get_prefill_values(self, *, resident, attributes, loa=""):
        if not getattr(resident, "is_business", False):
            return {}
        company = KvkClient().company(resident.kvk_number)
        if company is None:
            return {}
        values = {name: ATTRIBUTES[name][1](company) for name in attributes if name in ATTRIBUTES}
        return {name: value for name, value in values.items() if value not in (None, "")}
