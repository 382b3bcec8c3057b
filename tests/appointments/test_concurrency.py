"""Fifty residents press 'book' for the same last time at once: the database lets exactly one through."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import time
from decimal import Decimal

import pytest
from django.db import connection, connections

from portal.appointments.models import (
    Booking,
    CeremonyType,
    Claim,
    Location,
    OpeningHours,
    Resource,
    ResourceHours,
    Wedding,
)
from portal.appointments.services import SlotTaken, booking_create
from portal.appointments.wedding.planner import Choice
from portal.appointments.wedding.services import wedding_reserve
from tests.appointments.conftest import at
from tests.factories.appointments import DeskFactory, LocationFactory, ProductFactory
from tests.factories.cases import make_resident

ATTEMPTS = 50

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("clock"),
]


def _all_at_once(attempt):
    """Run `attempt(i)` in 50 threads released together; each result is the value or the exception."""
    barrier = threading.Barrier(ATTEMPTS)

    def run(i):
        try:
            barrier.wait()
            return attempt(i)
        except Exception as error:  # noqa: BLE001 - the outcome is what we count
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        return list(pool.map(run, range(ATTEMPTS)))


def test_fifty_residents_for_the_last_desk_time_one_gets_it_the_others_hear_it_was_just_taken():
    product = ProductFactory(slug="paspoort", duration_minutes=20, extra_person_minutes=0)
    # Open 9:00 to 9:20: one 20-minute appointment a day.
    desk = DeskFactory(products=[product], location=LocationFactory(open_weekdays=(time(9), time(9, 20))))
    start = at("2026-11-25", 9)

    outcomes = _all_at_once(
        lambda i: booking_create(
            products=[product],
            persons=1,
            location=desk.location,
            starts_at=start,
            name=f"Inwoner {i}",
            email=f"i{i}@example.nl",
        )
    )
    booked = [o for o in outcomes if isinstance(o, Booking)]
    taken = [o for o in outcomes if isinstance(o, SlotTaken)]
    assert len(booked) == 1, [o for o in outcomes if not isinstance(o, (Booking, SlotTaken))]
    assert len(taken) == ATTEMPTS - 1
    assert all(error.alternatives and start not in error.alternatives for error in taken)
    assert Booking.objects.count() == 1 and Claim.objects.count() == 4


def test_fifty_couples_for_the_same_registrar_and_room_one_gets_it():
    location = Location.objects.create(name="Stadhuis", slug="stadhuis", street="Markt 1", postcode="1234 AB", city="X")
    OpeningHours.objects.create(location=location, weekday=4, opens=time(9), closes=time(17))
    room = Resource.objects.create(name="Trouwkamer", kind=Resource.Kind.ROOM, location=location, capacity=20)
    registrar = Resource.objects.create(name="Anna", kind=Resource.Kind.OFFICIAL)
    ResourceHours.objects.create(resource=registrar, weekday=4, opens=time(10), closes=time(16))
    ceremony = CeremonyType.objects.create(name="Eenvoudig", slug="eenvoudig", fee=Decimal(145), duration_minutes=30)
    ceremony.rooms.set([room])
    choice = Choice(
        ceremony=ceremony, day=at("2027-01-08", 0).date(), at=time(11), room=room, registrar=registrar, guests=10
    )
    residents = [make_resident() for _ in range(ATTEMPTS)]

    outcomes = _all_at_once(lambda i: wedding_reserve(choice=choice, resident=residents[i], partner_bsn="999990019"))
    reserved = [o for o in outcomes if isinstance(o, Wedding)]
    taken = [o for o in outcomes if isinstance(o, SlotTaken)]
    assert len(reserved) == 1, [o for o in outcomes if not isinstance(o, (Wedding, SlotTaken))]
    assert len(taken) == ATTEMPTS - 1
    assert all(error.alternatives for error in taken)
    assert Wedding.objects.count() == 1 and Claim.objects.count() == 12
