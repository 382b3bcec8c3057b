from django.utils.translation import gettext_lazy as _

from forms_engine.prefill.base import PrefillPlugin
from forms_engine.prefill.registry import registry
from portal.registries.brp import BrpClient, Person

# attribute → (label for editors, how to read it from the BRP person)
ATTRIBUTES = {
    "voornamen": (_("Voornamen"), lambda p: p.first_names),
    "voorvoegsel": (_("Voorvoegsel"), lambda p: p.prefix),
    "geslachtsnaam": (_("Achternaam"), lambda p: p.surname),
    "volledige_naam": (_("Volledige naam"), lambda p: p.full_name),
    "geboortedatum": (_("Geboortedatum"), lambda p: p.birth_date),
    "geboorteplaats": (_("Geboorteplaats"), lambda p: p.birth_place),
    "geslacht": (_("Geslacht"), lambda p: p.gender),
    "nationaliteit": (_("Nationaliteit"), lambda p: ", ".join(p.nationalities)),
    "straat": (_("Straat"), lambda p: p.residence.street if p.residence else None),
    "huisnummer": (_("Huisnummer"), lambda p: p.residence.house_number if p.residence else None),
    "huisletter": (_("Huisletter"), lambda p: p.residence.house_letter if p.residence else None),
    "huisnummertoevoeging": (_("Toevoeging"), lambda p: p.residence.house_number_addition if p.residence else None),
    "postcode": (_("Postcode"), lambda p: p.residence.postcode if p.residence else None),
    "woonplaats": (_("Woonplaats"), lambda p: p.residence.city if p.residence else None),
    "adres": (
        _("Adres (postcode, huisnummer, straat, woonplaats)"),
        lambda p: (
            {
                "postcode": p.residence.postcode,
                "huisnummer": p.residence.house_number,
                "toevoeging": f"{p.residence.house_letter or ''}{p.residence.house_number_addition or ''}",
                "straat": p.residence.street,
                "woonplaats": p.residence.city,
                "gecontroleerd": True,
            }
            if p.residence
            else None
        ),
    ),
    "partner_naam": (_("Naam van de partner"), lambda p: p.partners[0].full_name if p.partners else None),
    "kinderen": (
        _("Kinderen (namen en geboortedata)"),
        lambda p: [{"naam": c.full_name, "geboortedatum": c.birth_date} for c in p.children],
    ),
}


@registry.register("brp")
class BrpPrefill(PrefillPlugin):
    verbose_name = _("Basisregistratie Personen (BRP)")
    registries = ("BRP",)

    def get_available_attributes(self):
        return [(name, label) for name, (label, _read) in ATTRIBUTES.items()]

    def get_prefill_values(self, *, resident, attributes, loa=""):
        if not getattr(resident, "is_resident", False):
            return {}
        person: Person | None = BrpClient().person(resident.bsn)
        if person is None:
            return {}
        values = {name: ATTRIBUTES[name][1](person) for name in attributes if name in ATTRIBUTES}
        return {name: value for name, value in values.items() if value not in (None, "")}
