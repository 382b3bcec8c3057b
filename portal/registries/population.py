"""Bulk selections from the municipality's own copy of the base registries, for proactive notices.

Haal Centraal answers questions about one person; "everyone whose passport expires within 90 days" or "everyone
living in this area" is a selection a municipality runs on its own registry copy (BRP-kopie, BAG, WOZ). The source
is pluggable (setting `LOKET_POPULATION_SOURCE`); the stand-in registries provide one over their own tables.

Every method yields rows in streaming fashion, so a selection of 200 000 residents never sits in memory as model
objects; deceased residents and residents without an address in the municipality are never selected."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True, slots=True)
class Resident:
    bsn: str
    name: str
    street: str
    street_line: str  # "Marktstraat 12A"
    postcode: str
    city: str
    neighbourhood: str
    longitude: float
    latitude: float

    @property
    def address(self) -> str:
        return f"{self.street_line}, {self.postcode} {self.city}"


@dataclass(frozen=True, slots=True)
class OwnedDwelling:
    identification: str
    address: str
    dwelling_type: str
    floor_area: int
    build_year: int
    draft_value: int


class PopulationSource:
    """The contract of a source; see the stand-in's implementation for the reference behaviour."""

    def travel_documents_expiring(
        self, *, start: date, end: date, kind: str = ""
    ) -> Iterator[tuple[Resident, str, date]]:
        """(resident, document kind "PN"/"NI", expiry date) for documents expiring from start to end inclusive."""
        raise NotImplementedError

    def dwelling_owners(self) -> Iterator[tuple[Resident, OwnedDwelling]]:
        """Owners living in the municipality, with each dwelling they own that has a draft value."""
        raise NotImplementedError

    def residents_in_area(
        self,
        *,
        bounds: tuple[float, float, float, float] | None,
        postcodes: frozenset[str],
        postcode_areas: frozenset[str],
        neighbourhoods: frozenset[str],
    ) -> Iterator[Resident]:
        """Residents whose address lies within the bounds (lon/lat box, border included) or has one of the codes.
        A superset: the caller narrows the box down to the polygon."""
        raise NotImplementedError

    def born_between(self, *, start: date, end: date) -> Iterator[tuple[Resident, date]]:
        raise NotImplementedError

    def moved_in_since(self, *, start: date) -> Iterator[tuple[Resident, date]]:
        raise NotImplementedError


def population_source() -> PopulationSource:
    return import_string(settings.LOKET_POPULATION_SOURCE)()
