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
from portal.appointments.wedding.services import WeddingAlreadyHeld, wedding_reserve
from portal.registries.stand_in.demo import valid_bsns
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


def _wedding_choice(at_time=time(11)) -> Choice:
    location = Location.objects.create(name="Stadhuis", slug="stadhuis", street="Markt 1", postcode="1234 AB", city="X")
    OpeningHours.objects.create(location=location, weekday=4, opens=time(9), closes=time(17))
    room = Resource.objects.create(name="Trouwkamer", kind=Resource.Kind.ROOM, location=location, capacity=20)
    registrar = Resource.objects.create(name="Anna", kind=Resource.Kind.OFFICIAL)
    ResourceHours.objects.create(resource=registrar, weekday=4, opens=time(10), closes=time(16))
    ceremony = CeremonyType.objects.create(name="Eenvoudig", slug="eenvoudig", fee=Decimal(145), duration_minutes=30)
    ceremony.rooms.set([room])
    return Choice(
        ceremony=ceremony, day=at("2027-01-08", 0).date(), at=at_time, room=room, registrar=registrar, guests=10
    )


def test_fifty_couples_for_the_same_registrar_and_room_one_gets_it():
    choice = _wedding_choice()
    residents = [make_resident() for _ in range(ATTEMPTS)]
    partners = valid_bsns(999_980_000)
    partner_bsns = [next(partners) for _ in range(ATTEMPTS)]

    outcomes = _all_at_once(
        lambda i: wedding_reserve(choice=choice, resident=residents[i], partner_bsn=partner_bsns[i])
    )
    reserved = [o for o in outcomes if isinstance(o, Wedding)]
    taken = [o for o in outcomes if isinstance(o, SlotTaken)]
    assert len(reserved) == 1, [o for o in outcomes if not isinstance(o, (Wedding, SlotTaken))]
    assert len(taken) == ATTEMPTS - 1
    assert all(error.alternatives for error in taken)
    assert Wedding.objects.count() == 1 and Claim.objects.count() == 12


def test_one_couple_reserving_fifty_moments_at_once_gets_one():
    """Both partners, each at a different free moment, all at once: one reservation, the rest are told they
    already have one (no reservation slips through between another's check and its insert)."""
    choice = _wedding_choice()
    one, other = make_resident(), make_resident()
    someone_else = next(valid_bsns(999_981_000))
    moments = [time(10 + (i % 12) // 2, 30 * (i % 2)) for i in range(ATTEMPTS)]

    def attempt(i):
        resident, partner_bsn = (one, other.bsn) if i % 2 else (other, someone_else)
        return wedding_reserve(choice=choice.moved(at=moments[i]), resident=resident, partner_bsn=partner_bsn)

    outcomes = _all_at_once(attempt)
    reserved = [o for o in outcomes if isinstance(o, Wedding)]
    refused = [o for o in outcomes if isinstance(o, WeddingAlreadyHeld)]
    assert len(reserved) == 1, [o for o in outcomes if not isinstance(o, (Wedding, WeddingAlreadyHeld))]
    assert len(refused) == ATTEMPTS - 1 and all(error.wedding == reserved[0] for error in refused)
    assert Wedding.objects.count() == 1 and Claim.objects.count() == 12
