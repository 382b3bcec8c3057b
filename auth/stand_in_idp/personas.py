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
