"""The people to log in as: the BRP stand-in's personas when it is installed, else a fixed fictional few."""

from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Persona:
    bsn: str
    name: str
    situation: str


FALLBACK = [
    Persona("999900006", "Jan de Vries", "getrouwd, twee kinderen"),
    Persona("999900018", "Fatima El Amrani", "alleenstaand"),
]


def personas() -> list[Persona]:
    if apps.is_installed("portal.registries.stand_in"):
        from portal.registries.stand_in.models import Person

        found = [
            Persona(person.bsn, person.full_name, person.persona)
            for person in Person.objects.exclude(persona="").order_by("bsn")
        ]
        if found:
            return found
    return FALLBACK


@dataclass(frozen=True)
class CompanyPersona:
    kvk_number: str
    name: str
    situation: str
    branches: tuple[tuple[str, str], ...]  # (vestigingsnummer, trade name)


COMPANY_FALLBACK = [CompanyPersona("90000001", "Fietsenmaker Bakker", "eenmanszaak", ())]


def companies() -> list[CompanyPersona]:
    """The businesses to log in for with eHerkenning: the KvK stand-in's companies when it is installed."""
    if apps.is_installed("portal.registries.stand_in"):
        from portal.registries.stand_in.models import Company

        found = [
            CompanyPersona(
                company.kvk_number,
                company.name,
                company.legal_form + (" (opgeheven)" if company.ended_on else ""),
                tuple((branch.number, branch.trade_name) for branch in company.branches.all()),
            )
            for company in Company.objects.prefetch_related("branches").order_by("kvk_number")
        ]
        if found:
            return found
    return COMPANY_FALLBACK
