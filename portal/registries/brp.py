"""Client for Haal Centraal 'BRP Personen bevragen' (RaadpleegMetBurgerservicenummer)."""

from dataclasses import dataclass, field
from datetime import date

from portal.registries.base import RegistryClient, RegistryUnavailable

FIELDS = [
    "burgerservicenummer",
    "naam",
    "geboorte",
    "geslacht",
    "nationaliteiten",
    "verblijfplaats",
    "partners",
    "kinderen",
    "ouders",
    "overlijden",
]


@dataclass(frozen=True)
class Residence:
    street: str
    house_number: int
    house_letter: str
    house_number_addition: str
    postcode: str
    city: str
    since: date | None


@dataclass(frozen=True)
class Relative:
    bsn: str
    first_names: str
    prefix: str
    surname: str
    birth_date: date | None

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_names, self.prefix, self.surname) if part)


@dataclass(frozen=True)
class Custody:
    """One gezagsrelatie: who holds authority (`holders`, by BSN) over a minor, in which form (the BRP's type)."""

    kind: str
    minor_bsn: str
    minor_name: str
    minor_age: int | None
    holders: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    bsn: str
    first_names: str
    prefix: str
    surname: str
    initials: str
    full_name: str
    gender: str
    birth_date: date | None
    birth_place: str
    nationalities: list[str] = field(default_factory=list)
    residence: Residence | None = None
    partners: list[Relative] = field(default_factory=list)
    children: list[Relative] = field(default_factory=list)
    parents: list[Relative] = field(default_factory=list)
    custody: list[Custody] = field(default_factory=list)

    @property
    def minors_in_custody(self) -> list[Custody]:
        """The minors this person holds authority over (the BRP ends it on their 18th birthday)."""
        return [relation for relation in self.custody if self.bsn in relation.holders]


def _date(value) -> date | None:
    if isinstance(value, dict) and value.get("type") == "Datum":
        return date.fromisoformat(value["datum"])
    return None


def _relative(data: dict) -> Relative:
    name = data.get("naam", {})
    return Relative(
        bsn=data.get("burgerservicenummer", ""),
        first_names=name.get("voornamen", ""),
        prefix=name.get("voorvoegsel", ""),
        surname=name.get("geslachtsnaam", ""),
        birth_date=_date(data.get("geboorte", {}).get("datum")),
    )


def _custody(data: dict) -> Custody:
    minor = data["minderjarige"]
    holders = [*data.get("ouders", []), data.get("ouder"), data.get("derde"), *data.get("derden", [])]
    return Custody(
        kind=data["type"],
        minor_bsn=minor["burgerservicenummer"],
        minor_name=minor.get("naam", {}).get("volledigeNaam", ""),
        minor_age=minor.get("leeftijd"),
        holders=tuple(
            holder["burgerservicenummer"] for holder in holders if holder and "burgerservicenummer" in holder
        ),
    )


def parse_person(data: dict) -> Person:
    name = data.get("naam", {})
    birth = data.get("geboorte", {})
    residence = None
    place = data.get("verblijfplaats") or {}
    if place.get("type") == "Adres" and "verblijfadres" in place:
        address = place["verblijfadres"]
        residence = Residence(
            street=address.get("officieleStraatnaam", ""),
            house_number=int(address.get("huisnummer", 0)),
            house_letter=address.get("huisletter", ""),
            house_number_addition=address.get("huisnummertoevoeging", ""),
            postcode=address.get("postcode", ""),
            city=address.get("woonplaats", ""),
            since=_date(place.get("datumVan")),
        )
    return Person(
        bsn=data.get("burgerservicenummer", ""),
        first_names=name.get("voornamen", ""),
        prefix=name.get("voorvoegsel", ""),
        surname=name.get("geslachtsnaam", ""),
        initials=name.get("voorletters", ""),
        full_name=name.get("volledigeNaam", ""),
        gender=data.get("geslacht", {}).get("code", ""),
        birth_date=_date(birth.get("datum")),
        birth_place=birth.get("plaats", {}).get("omschrijving", ""),
        nationalities=[n.get("nationaliteit", {}).get("omschrijving", "") for n in data.get("nationaliteiten", [])],
        residence=residence,
        partners=[_relative(p) for p in data.get("partners", [])],
        children=[_relative(c) for c in data.get("kinderen", [])],
        parents=[_relative(p) for p in data.get("ouders", [])],
        custody=[_custody(relation) for relation in data.get("gezag", [])],
    )


class BrpClient(RegistryClient):
    name = "brp"
    url_setting = "BRP_API_URL"

    def person(self, bsn: str, *, custody: bool = False) -> Person | None:
        """The living person with this BSN, or None when the BRP does not know them. Custody (gezag) is asked for
        only with `custody`: what is not needed is not asked (and a prefill does not need it)."""
        fields = [*FIELDS, "gezag"] if custody else FIELDS
        data = self._call(
            "POST",
            "/personen",
            json_body={"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [bsn], "fields": fields},
        )
        people = data.get("personen")
        if not isinstance(people, list):
            raise RegistryUnavailable(self.name, "unexpected answer")
        try:
            return parse_person(people[0]) if people else None
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise RegistryUnavailable(self.name, f"unexpected answer ({type(error).__name__})") from error
