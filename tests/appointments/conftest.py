from datetime import datetime, time
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from tests.factories.appointments import DeskFactory, LocationFactory, ProductFactory

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
