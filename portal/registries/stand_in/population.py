"""The stand-in's bulk selections, straight from its tables: one streamed query per selection."""

from django.db.models import Q
from django.db.models.functions import Substr

from portal.registries.population import OwnedDwelling, PopulationSource, Resident
from portal.registries.stand_in.models import Person, TravelDocument, WozObject

CHUNK = 5_000
RESIDENT_FIELDS = (
    "bsn",
    "first_names",
    "prefix",
    "surname",
    "address__street",
    "address__house_number",
    "address__house_letter",
    "address__house_number_addition",
    "address__postcode",
    "address__city",
    "address__neighbourhood_code",
    "address__longitude",
    "address__latitude",
)


def _resident(row) -> Resident:
    bsn, first, prefix, surname, street, number, letter, addition, postcode, city, neighbourhood, lon, lat = row
    name = f"{first} {prefix} {surname}" if prefix else f"{first} {surname}"
    suffix = f"{letter}-{addition}" if addition else letter
    return Resident(
        bsn, name, street, f"{street} {number}{suffix}", postcode, city, neighbourhood, float(lon), float(lat)
    )


def _living(prefix: str = ""):
    return Q(**{f"{prefix}date_of_death__isnull": True, f"{prefix}address__isnull": False})


class StandInPopulation(PopulationSource):
    def travel_documents_expiring(self, *, start, end, kind=""):
        documents = TravelDocument.objects.filter(_living("person__"), expires_on__range=(start, end))
        if kind:
            documents = documents.filter(kind=kind)
        fields = [f"person__{name}" for name in RESIDENT_FIELDS]
        for row in documents.values_list(*fields, "kind", "expires_on").iterator(chunk_size=CHUNK):
            yield _resident(row[:-2]), row[-2], row[-1]

    def dwelling_owners(self):
        objects = WozObject.objects.filter(_living("owner__"), draft_value__isnull=False)
        fields = [f"owner__{name}" for name in RESIDENT_FIELDS]
        extra = (
            "identification",
            "address__street",
            "address__house_number",
            "address__house_letter",
            "address__postcode",
            "address__city",
            "dwelling_type",
            "address__floor_area",
            "address__build_year",
            "draft_value",
        )
        for row in objects.values_list(*fields, *extra).iterator(chunk_size=CHUNK):
            identification, street, number, letter, postcode, city, kind, area, year, value = row[len(fields) :]
            dwelling = OwnedDwelling(
                identification, f"{street} {number}{letter}, {postcode} {city}", kind, area, year, value
            )
            yield _resident(row[: len(fields)]), dwelling

    def residents_in_area(self, *, bounds, postcodes, postcode_areas, neighbourhoods):
        where = Q(pk__in=[])
        if bounds is not None:
            min_lon, min_lat, max_lon, max_lat = bounds
            where |= Q(
                address__longitude__gte=min_lon,
                address__longitude__lte=max_lon,
                address__latitude__gte=min_lat,
                address__latitude__lte=max_lat,
            )
        if postcodes:
            where |= Q(address__postcode__in=postcodes)
        if postcode_areas:
            where |= Q(postcode_area__in=postcode_areas)
        if neighbourhoods:
            where |= Q(address__neighbourhood_code__in=neighbourhoods)
        people = (
            Person.objects.filter(_living()).annotate(postcode_area=Substr("address__postcode", 1, 4)).filter(where)
        )
        for row in people.values_list(*RESIDENT_FIELDS).iterator(chunk_size=CHUNK):
            yield _resident(row)

    def born_between(self, *, start, end):
        people = Person.objects.filter(_living(), birth_date__range=(start, end))
        for row in people.values_list(*RESIDENT_FIELDS, "birth_date").iterator(chunk_size=CHUNK):
            yield _resident(row[:-1]), row[-1]

    def moved_in_since(self, *, start):
        people = Person.objects.filter(_living(), address_since__gte=start)
        for row in people.values_list(*RESIDENT_FIELDS, "address_since").iterator(chunk_size=CHUNK):
            yield _resident(row[:-1]), row[-1]
