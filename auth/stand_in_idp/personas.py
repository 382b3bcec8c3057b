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


@dataclass(frozen=True)
class MandateEntry:
    pk: int
    representee_bsn: str
    representee_name: str
    kind: str  # a Mandate value (auth/mandates.py)
    kind_label: str
    valid_until: object  # date | None


def mandates_for(user, service: str) -> list[MandateEntry]:
    """The register's mandates that let `user` (a resident, or an organisation with eHerkenning) act today for
    someone, for `service`: not yet ended, not revoked. Without the registries stand-in, there are none."""
    if not apps.is_installed("portal.registries.stand_in"):
        return []
    from django.db.models import Q
    from django.utils import timezone

    from portal.registries.stand_in.models import Mandate

    today = timezone.localdate()
    found = Mandate.objects.filter(valid_from__lte=today, revoked_on__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    if user.is_business:
        found = found.filter(authorizee_company__kvk_number=user.kvk_number).exclude(kind=Mandate.Kind.DIGID_MACHTIGEN)
    elif user.is_resident:
        found = found.filter(authorizee_person__bsn=user.bsn, kind=Mandate.Kind.DIGID_MACHTIGEN)
    else:
        return []
    return [
        MandateEntry(m.pk, m.representee.bsn, m.representee.full_name, m.kind, m.get_kind_display(), m.valid_until)
        for m in found.select_related("representee").order_by("representee__surname", "pk")
        if service in m.services and m.representee.date_of_death is None
    ]
