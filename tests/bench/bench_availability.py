"""Benchmark: the instant answers of appointments, on a full calendar.

- Wedding question: a year of weddings for 10 civil registrars and 5 locations (2 rooms each), about half the
  possible moments taken; each question is the planner's whole answer: is this choice free, and if not the
  nearest other times, registrars/rooms and days.
- Desk questions: 3 months for 20 desks at one location, about 70 % of the time taken; "which days of this month
  have a free time" (the calendar page) and "which times on this day".

Run from the repository root: python tests/bench/bench_availability.py
Last line: {"bench": "availability", "wedding_p95_ms": ..., "desk_p95_ms": ...}   (target: wedding p95 <= 50 ms)
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import time as clock
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="loket-bench-availability-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

QUESTIONS = 300
random.seed(9)


def _percentiles(values: list[float]) -> dict:
    values = sorted(values)
    return {
        "p50_ms": round(statistics.median(values) * 1000, 2),
        "p95_ms": round(values[int(len(values) * 0.95) - 1] * 1000, 2),
    }


def _hold(resources, start, minutes, blocks, Block, UNIT):
    block = Block(resource=resources[0], starts_at=start, ends_at=start + timedelta(minutes=minutes), reason="bench")
    blocks.append((block, [(resource, start + UNIT * i) for resource in resources for i in range(minutes // 5)]))


def _save(blocks, Block, Claim):
    Block.objects.bulk_create([block for block, _units in blocks], batch_size=2000)
    Claim.objects.bulk_create(
        [Claim(resource=r, starts_at=s, block=block) for block, units in blocks for r, s in units], batch_size=5000
    )


def main() -> None:
    from portal.appointments.models import (
        UNIT,
        Block,
        CeremonyType,
        Claim,
        Location,
        OpeningHours,
        Product,
        Resource,
        ResourceHours,
    )
    from portal.appointments.schedule import local
    from portal.appointments.selectors import Availability
    from portal.appointments.wedding.planner import Choice, instant_answer

    print(f"building a throwaway database in {WORK} ...", flush=True)
    call_command("migrate", verbosity=0)
    today = timezone.localdate()

    # Weddings: 5 locations with 2 rooms each, 10 registrars, a year.
    rooms = []
    for number in range(5):
        location = Location.objects.create(
            name=f"Trouwlocatie {number}", slug=f"trouw-{number}", street="Laan 1", postcode="1234 AB", city="X"
        )
        for weekday in range(6):
            OpeningHours.objects.create(location=location, weekday=weekday, opens=clock(9), closes=clock(18))
        for room in range(2):
            rooms.append(
                Resource.objects.create(
                    name=f"Zaal {number}.{room}", kind=Resource.Kind.ROOM, location=location, capacity=100
                )
            )
    registrars = []
    for number in range(10):
        registrar = Resource.objects.create(name=f"BABS {number}", kind=Resource.Kind.OFFICIAL)
        for weekday in random.sample(range(6), 4):
            ResourceHours.objects.create(resource=registrar, weekday=weekday, opens=clock(9), closes=clock(18))
        registrars.append(registrar)
    ceremony = CeremonyType.objects.create(name="Eenvoudig", slug="eenvoudig", fee=Decimal(145), duration_minutes=60)
    ceremony.rooms.set(rooms)

    blocks, busy = [], set()
    for offset in range(14, 380):
        day = today + timedelta(days=offset)
        if day.weekday() == 6:
            continue
        for room in rooms:
            for hour in range(9, 18):
                if random.random() < 0.5:
                    continue
                registrar = random.choice(registrars)
                if (registrar.pk, day, hour) in busy:
                    continue
                busy.add((registrar.pk, day, hour))
                _hold([room, registrar], local(day, clock(hour)), 60, blocks, Block, UNIT)
    _save(blocks, Block, Claim)
    print(f"weddings: {len(blocks)} held for a year, {Claim.objects.count()} claimed units", flush=True)

    wedding_times, available = [], 0
    for _ in range(QUESTIONS):
        choice = Choice(
            ceremony=ceremony,
            day=today + timedelta(days=random.randint(14, 365)),
            at=clock(random.randint(9, 16), random.choice((0, 30))),
            room=random.choice(rooms),
            registrar=random.choice(registrars),
            guests=random.randint(10, 90),
        )
        started = time.perf_counter()
        answer = instant_answer(choice)
        wedding_times.append(time.perf_counter() - started)
        available += answer.available
    wedding = _percentiles(wedding_times)
    print(f"wedding question (answer + alternatives): {wedding}, {available} of {QUESTIONS} available", flush=True)

    # Desks: 20 desks at one location, 3 months, about 70 % taken.
    product = Product.objects.create(name="Paspoort", slug="paspoort", duration_minutes=15, allow_anonymous=True)
    city_hall = Location.objects.create(
        name="Stadhuis", slug="stadhuis", street="Markt 1", postcode="1234 AB", city="X"
    )
    for weekday in range(5):
        OpeningHours.objects.create(location=city_hall, weekday=weekday, opens=clock(9), closes=clock(17))
    desks = []
    for number in range(20):
        desk = Resource.objects.create(name=f"Balie {number}", kind=Resource.Kind.DESK, location=city_hall)
        desk.products.set([product])
        desks.append(desk)
    blocks = []
    for offset in range(1, 92):
        day = today + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for desk in desks:
            for quarter in range(32):
                if random.random() < 0.7:
                    _hold([desk], local(day, clock(9)) + timedelta(minutes=15 * quarter), 15, blocks, Block, UNIT)
    _save(blocks, Block, Claim)
    print(f"desks: {len(blocks)} appointments held over 3 months", flush=True)

    month_times, day_times = [], []
    for _ in range(QUESTIONS):
        month = (today + timedelta(days=random.randint(1, 90))).replace(day=1)
        last = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        started = time.perf_counter()
        availability = Availability(products=[product], persons=1, location=city_hall, first=month, last=last)
        free_days = [day for day in availability.days() if availability.has_starts(day)]
        month_times.append(time.perf_counter() - started)
        day = today + timedelta(days=random.randint(1, 90))
        started = time.perf_counter()
        Availability(products=[product], persons=1, location=city_hall, first=day, last=day).starts(day)
        day_times.append(time.perf_counter() - started)
    month_stats, day_stats = _percentiles(month_times), _percentiles(day_times)
    print(f"desk question 'days with a free time this month': {month_stats} ({len(free_days)} free days last asked)")
    print(f"desk question 'times on this day': {day_stats}")
    print(
        json.dumps(
            {
                "bench": "availability",
                "wedding_p95_ms": wedding["p95_ms"],
                "desk_p95_ms": max(month_stats["p95_ms"], day_stats["p95_ms"]),
                "wedding_p50_ms": wedding["p50_ms"],
                "desk_month_p50_ms": month_stats["p50_ms"],
                "desk_month_p95_ms": month_stats["p95_ms"],
                "desk_day_p50_ms": day_stats["p50_ms"],
                "desk_day_p95_ms": day_stats["p95_ms"],
            }
        )
    )


if __name__ == "__main__":
    main()
