from datetime import datetime, time
from decimal import Decimal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from portal.appointments.models import CeremonyType, Location, OpeningHours, Resource, ResourceHours
from tests.factories.appointments import DeskFactory, LocationFactory, ProductFactory
from tests.factories.cases import CaseTypeFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = "2026-11-23 10:00:00"  # a Monday


def at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=AMSTERDAM)


@pytest.fixture
def clock():
    with freeze_time(TODAY, tz_offset=0) as frozen:
        yield frozen


@pytest.fixture
def passport(db):
    return ProductFactory(slug="paspoort", name="Paspoort", duration_minutes=20, extra_person_minutes=10)


@pytest.fixture
def desk(passport):
    return DeskFactory(
        products=[passport], location=LocationFactory(slug="stadhuis", open_weekdays=(time(9), time(17)))
    )


def query(**values) -> str:
    return urlencode(values, doseq=True)


# The wedding planner's places, people and a ceremony (test_wedding.py, test_languages.py).
@pytest.fixture
def city_hall(db):
    location = Location.objects.create(
        name="Stadhuis", slug="stadhuis", street="Markt 1", postcode="1234 AB", city="Voorbeeldstad"
    )
    for weekday in range(6):
        OpeningHours.objects.create(location=location, weekday=weekday, opens=time(9), closes=time(17))
    return location


@pytest.fixture
def rooms(city_hall):
    return {
        "small": Resource.objects.create(name="Trouwkamer", kind=Resource.Kind.ROOM, location=city_hall, capacity=12),
        "large": Resource.objects.create(name="Raadzaal", kind=Resource.Kind.ROOM, location=city_hall, capacity=80),
    }


@pytest.fixture
def registrars(db):
    people = {}
    for name in ("Anna", "Bram"):
        people[name] = Resource.objects.create(name=name, kind=Resource.Kind.OFFICIAL)
        for weekday in (4, 5):  # Friday and Saturday
            ResourceHours.objects.create(resource=people[name], weekday=weekday, opens=time(10), closes=time(16))
    return people


@pytest.fixture
def simple(rooms):
    ceremony = CeremonyType.objects.create(
        name="Eenvoudig", slug="eenvoudig", fee=Decimal("145"), duration_minutes=30, case_type=_wedding_case_type()
    )
    ceremony.rooms.set(rooms.values())
    return ceremony


def _wedding_case_type():
    case_type = CaseTypeFactory(name="Melding voorgenomen huwelijk")
    return case_type
