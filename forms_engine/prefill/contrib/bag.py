from django.utils.translation import gettext_lazy as _

from forms_engine.prefill.base import PrefillPlugin
from forms_engine.prefill.registry import registry
from portal.registries.bag import BagClient
from portal.registries.brp import BrpClient

ATTRIBUTES = {
    "oppervlakte": (_("Oppervlakte van de woning (m²)"), "floor_area"),
    "bouwjaar": (_("Bouwjaar van de woning"), "build_year"),
    "gebruiksdoel": (_("Gebruiksdoel"), "use"),
    "wijkcode": (_("Wijk"), "neighbourhood_code"),
    "adres_identificatie": (_("BAG-adresnummer"), "identification"),
}


@registry.register("bag")
class BagPrefill(PrefillPlugin):
    """Details of the resident's own address from the BAG. The address itself comes from the BRP client, whose
    answer the BRP plugin of the same form session has just cached, so this plugin makes one call: the BAG's."""

    verbose_name = _("Basisregistratie Adressen en Gebouwen (BAG)")
    registries = ("BRP", "BAG")

    def get_available_attributes(self):
        return [(name, label) for name, (label, _attr) in ATTRIBUTES.items()]

    def get_prefill_values(self, *, resident, attributes, loa=""):
        if not getattr(resident, "is_resident", False):
            return {}
        person = BrpClient().person(resident.bsn)
        if person is None or person.residence is None:
            return {}
        home = person.residence
        found = BagClient().lookup(home.postcode, home.house_number, home.house_letter, home.house_number_addition)
        if not found:
            return {}
        address = found[0]
        return {name: getattr(address, ATTRIBUTES[name][1]) for name in attributes if name in ATTRIBUTES}
