"""Persons in the shape of Haal Centraal 'BRP Personen bevragen' 2.x, and its `fields` selection."""

from datetime import date

from portal.registries.stand_in.models import Custody, Person

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
GENDERS = {"M": "man", "V": "vrouw", "O": "onbekend"}
MUNICIPALITY = {"code": "9999", "omschrijving": "Voorbeeldstad"}

_NAME = {"voornamen": {}, "voorvoegsel": {}, "geslachtsnaam": {}, "voorletters": {}}
_BIRTH = {
    "datum": {"type": {}, "datum": {}, "langFormaat": {}},
    "plaats": {"omschrijving": {}},
    "land": {"omschrijving": {}},
}
_TABLE = {"code": {}, "omschrijving": {}}
_HOLDER = {"burgerservicenummer": {}, "naam": {"volledigeNaam": {}}}
# Every field path this stand-in can deliver; asking for another one is a 400, as in the real API.
SHAPE = {
    "burgerservicenummer": {},
    "geslacht": _TABLE,
    "naam": {**_NAME, "volledigeNaam": {}},
    "geboorte": _BIRTH,
    "leeftijd": {},
    "nationaliteiten": {"type": {}, "nationaliteit": _TABLE},
    "verblijfplaats": {
        "type": {},
        "verblijfadres": {
            "officieleStraatnaam": {},
            "korteStraatnaam": {},
            "huisnummer": {},
            "huisletter": {},
            "huisnummertoevoeging": {},
            "postcode": {},
            "woonplaats": {},
        },
        "datumVan": {"type": {}, "datum": {}, "langFormaat": {}},
        "nummeraanduidingIdentificatie": {},
        "adresseerbaarObjectIdentificatie": {},
    },
    "adressering": {"adresregel1": {}, "adresregel2": {}},
    "gemeenteVanInschrijving": _TABLE,
    "partners": {
        "burgerservicenummer": {},
        "geslacht": _TABLE,
        "soortVerbintenis": _TABLE,
        "naam": _NAME,
        "geboorte": _BIRTH,
        "aangaanHuwelijkPartnerschap": {"datum": {"type": {}, "datum": {}, "langFormaat": {}}},
    },
    "kinderen": {"burgerservicenummer": {}, "naam": _NAME, "geboorte": _BIRTH},
    "ouders": {"burgerservicenummer": {}, "geslacht": _TABLE, "ouderAanduiding": {}, "naam": _NAME, "geboorte": _BIRTH},
    "overlijden": {"datum": {"type": {}, "datum": {}, "langFormaat": {}}},
    "gezag": {
        "type": {},
        "minderjarige": {"burgerservicenummer": {}, "naam": {"volledigeNaam": {}}, "leeftijd": {}},
        "ouders": _HOLDER,
        "ouder": _HOLDER,
        "derde": {"type": {}, **_HOLDER},
        "derden": {"type": {}, **_HOLDER},
        "toelichting": {},
    },
}


def _paths(shape: dict, prefix: str = "") -> set[str]:
    found = set()
    for key, sub in shape.items():
        path = f"{prefix}{key}"
        found.add(path)
        found |= _paths(sub, f"{path}.")
    return found


KNOWN_FIELDS = frozenset(_paths(SHAPE))


def _date(value: date) -> dict:
    return {
        "type": "Datum",
        "datum": value.isoformat(),
        "langFormaat": f"{value.day} {MONTHS[value.month - 1]} {value.year}",
    }


def _name(person: Person, *, full: bool = False) -> dict:
    initials = " ".join(f"{part[0]}." for part in person.first_names.split())
    name = {"voornamen": person.first_names, "geslachtsnaam": person.surname, "voorletters": initials}
    if person.prefix:
        name["voorvoegsel"] = person.prefix
    if full:
        name["volledigeNaam"] = person.full_name
    return name


def _birth(person: Person) -> dict:
    return {
        "datum": _date(person.birth_date),
        "plaats": {"omschrijving": person.birth_place},
        "land": {"omschrijving": person.birth_country},
    }


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _holder(person: Person) -> dict:
    return {"burgerservicenummer": person.bsn, "naam": {"volledigeNaam": person.full_name}}


def _custody(custody: Custody, minor: Person, today: date) -> dict:
    """One gezagsrelatie as the BRP API words it: the minor, and who holds authority over them in which form."""
    relation = {
        "type": custody.kind,
        "minderjarige": {**_holder(minor), "leeftijd": _age(minor.birth_date, today)},
    }
    parent_ids = {parent.id for parent in minor.parents.all()}
    parents = [_holder(holder) for holder in custody.holders.all() if holder.id in parent_ids]
    others = [{"type": "BekendeDerde", **_holder(h)} for h in custody.holders.all() if h.id not in parent_ids]
    Kind = Custody.Kind
    if custody.kind == Kind.JOINT_PARENTAL:
        relation["ouders"] = parents
    elif custody.kind == Kind.SOLE_PARENTAL and parents:
        relation["ouder"] = parents[0]
    elif custody.kind == Kind.JOINT:
        relation.update({**({"ouder": parents[0]} if parents else {}), **({"derde": others[0]} if others else {})})
    elif custody.kind == Kind.GUARDIANSHIP:
        relation["derden"] = others
    else:
        relation["toelichting"] = custody.explanation or "Gezag is tijdelijk niet vastgesteld."
    return relation


def _is_minor(person: Person, today: date) -> bool:
    return person.date_of_death is None and _age(person.birth_date, today) < 18


def custody_relations(person: Person, *, today: date) -> list[dict]:
    """The person's gezag: the authority over them while they are a minor, and the authority they hold over
    minors. It ends on the minor's 18th birthday, whatever is recorded."""
    relations = []
    own = getattr(person, "custody", None)
    if own is not None and _is_minor(person, today):
        relations.append(_custody(own, person, today))
    relations += [
        _custody(held, held.minor, today) for held in person.custody_over.all() if _is_minor(held.minor, today)
    ]
    return relations


def person_document(person: Person, *, today: date, custody: bool = True) -> dict:
    """The whole person as the API knows it (custody only with `custody`); `select` cuts it down to the requested
    fields."""
    document = {
        "burgerservicenummer": person.bsn,
        "geslacht": {"code": person.gender, "omschrijving": GENDERS[person.gender]},
        "naam": _name(person, full=True),
        "geboorte": _birth(person),
        "leeftijd": _age(person.birth_date, person.date_of_death or today),
        "nationaliteiten": [{"type": "Nationaliteit", "nationaliteit": {"omschrijving": person.nationality}}],
        "gemeenteVanInschrijving": MUNICIPALITY,
        "kinderen": [
            {"burgerservicenummer": child.bsn, "naam": _name(child), "geboorte": _birth(child)}
            for child in person.children.all()
        ],
        "ouders": [
            {
                "burgerservicenummer": parent.bsn,
                "geslacht": {"code": parent.gender, "omschrijving": GENDERS[parent.gender]},
                "ouderAanduiding": str(number),
                "naam": _name(parent),
                "geboorte": _birth(parent),
            }
            for number, parent in enumerate(person.parents.all(), start=1)
        ],
        "partners": [],
        **({"gezag": custody_relations(person, today=today)} if custody else {}),
    }
    if person.partner_id:
        partner = person.partner
        document["partners"].append(
            {
                "burgerservicenummer": partner.bsn,
                "geslacht": {"code": partner.gender, "omschrijving": GENDERS[partner.gender]},
                "soortVerbintenis": {
                    "code": person.partnership_kind,
                    "omschrijving": "huwelijk" if person.partnership_kind == "H" else "geregistreerd partnerschap",
                },
                "naam": _name(partner),
                "geboorte": _birth(partner),
                **(
                    {"aangaanHuwelijkPartnerschap": {"datum": _date(person.partnership_date)}}
                    if person.partnership_date
                    else {}
                ),
            }
        )
    if person.address_id:
        address = person.address
        residence = {
            "officieleStraatnaam": address.street,
            "korteStraatnaam": address.street[:24],
            "huisnummer": address.house_number,
            "postcode": address.postcode,
            "woonplaats": address.city,
        }
        if address.house_letter:
            residence["huisletter"] = address.house_letter
        if address.house_number_addition:
            residence["huisnummertoevoeging"] = address.house_number_addition
        document["verblijfplaats"] = {
            "type": "Adres",
            "verblijfadres": residence,
            "nummeraanduidingIdentificatie": address.identification,
            "adresseerbaarObjectIdentificatie": address.object_identification,
            **({"datumVan": _date(person.address_since)} if person.address_since else {}),
        }
        addition = f"-{address.house_number_addition}" if address.house_number_addition else ""
        number = f"{address.house_number}{address.house_letter}{addition}"
        document["adressering"] = {
            "adresregel1": f"{address.street} {number}",
            "adresregel2": f"{address.postcode[:4]} {address.postcode[4:]}  {address.city.upper()}",
        }
    if person.date_of_death:
        document["overlijden"] = {"datum": _date(person.date_of_death)}
    return document


def _tree(fields: list[str]) -> dict:
    tree: dict = {}
    for field in fields:
        node = tree
        parts = field.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if node is None:
                break
        else:
            # A shorter path asks for the whole subtree: it wins over longer ones.
            node[parts[-1]] = None
    return tree


def _prune(value, tree):
    if tree is None:
        return value
    if isinstance(value, list):
        return [_prune(item, tree) for item in value]
    return {key: _prune(value[key], sub) for key, sub in tree.items() if key in value}


def select(document: dict, fields: list[str]) -> dict:
    return _prune(document, _tree(sorted(set(fields), key=lambda f: f.count("."))))
