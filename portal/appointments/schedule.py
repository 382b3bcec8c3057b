"""When resources are free: opening hours and schedules, minus closures, public holidays and claimed time.

A `Schedule` loads everything for a set of resources over a span of days in a fixed number of queries and then
answers in memory, so a month calendar or a wedding planner's alternatives cost the same few queries.
Times are aware datetimes; hours are wall-clock times in the municipality's zone, so a day with a daylight
saving change simply has an hour more or less between opening and closing."""

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from django.db import connections
from django.db.models import Prefetch
from django.utils import timezone

from portal.appointments.models import UNIT, Claim, OpeningHours, Resource, ResourceHours
from portal.cases.workdays import is_public_holiday

Window = tuple[datetime, datetime]


def local(day: date, at: time) -> datetime:
    """A wall-clock time in the municipality's zone, as UTC: Python compares and subtracts datetimes that share
    a zone by their wall clocks, which is wrong on the days the clocks change."""
    return datetime.combine(day, at, tzinfo=timezone.get_default_timezone()).astimezone(UTC)


def units(start: datetime, end: datetime) -> list[datetime]:
    """The 5-minute units from `start` up to `end`, in absolute time (a DST change adds or drops none)."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    return [start + UNIT * i for i in range(int((end - start) / UNIT))]


def intersect(a: list[Window], b: list[Window]) -> list[Window]:
    result, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            result.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return result


def subtract(windows: list[Window], busy: list[Window]) -> list[Window]:
    """`windows` without the (sorted, merged) `busy` intervals."""
    result = []
    for start, end in windows:
        for busy_start, busy_end in busy:
            if busy_end <= start or busy_start >= end:
                continue
            if busy_start > start:
                result.append((start, busy_start))
            start = max(start, busy_end)
            if start >= end:
                break
        if start < end:
            result.append((start, end))
    return result


def starts_in(windows: list[Window], duration: timedelta, step: timedelta) -> list[datetime]:
    """Every start on a multiple of `step` (in absolute time) where `duration` fits inside a window."""
    step_s = step.total_seconds()
    starts = []
    for window_start, window_end in windows:
        first = math.ceil(window_start.timestamp() / step_s) * step_s
        at = datetime.fromtimestamp(first, tz=window_start.tzinfo)
        while at + duration <= window_end:
            starts.append(at)
            at += step
    return starts


def resources_with_schedules(queryset) -> list[Resource]:
    """Resources with everything a Schedule needs, in one query per relation."""
    return list(
        queryset.select_related("location").prefetch_related(
            Prefetch("hours", queryset=ResourceHours.objects.order_by("opens")),
            Prefetch("location__hours", queryset=OpeningHours.objects.order_by("opens")),
            "location__closures",
        )
    )


def _claimed_units(resource_ids: list[int], first: date, last: date):
    """(resource id, unit start) of every claimed unit, in order. A year's calendar is read unit by unit, so the
    rows skip the ORM's per-value conversion (on SQLite a regular expression per datetime) and are parsed here."""
    queryset = (
        Claim.objects.filter(
            resource_id__in=resource_ids,
            starts_at__gte=local(first, time.min),
            starts_at__lt=local(last + timedelta(days=1), time.min),
        )
        .order_by("resource_id", "starts_at")
        .values_list("resource_id", "starts_at")
    )
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        for resource_id, value in cursor.fetchall():
            if isinstance(value, str):
                value = datetime.fromisoformat(value)
            yield resource_id, value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite keeps UTC, naive


def _by_weekday(hours) -> dict[int, list[tuple[time, time]]]:
    """(opens, closes) per weekday, in the order given; only weekdays that have hours."""
    by_weekday = defaultdict(list)
    for hour in hours:
        by_weekday[hour.weekday].append((hour.opens, hour.closes))
    return dict(by_weekday)


class Schedule:
    def __init__(self, resources: list[Resource], first: date, last: date):
        self.resources = {resource.pk: resource for resource in resources}
        self._busy: dict[int, list[Window]] = defaultdict(list)
        for resource_id, unit_start in _claimed_units(list(self.resources), first, last):
            busy = self._busy[resource_id]
            if busy and busy[-1][1] == unit_start:
                busy[-1] = (busy[-1][0], unit_start + UNIT)
            else:
                busy.append((unit_start, unit_start + UNIT))
        # The ends of the (sorted, disjoint) busy intervals, to find a day's few among a year's many by bisection.
        self._busy_ends = {resource_id: [end for _start, end in busy] for resource_id, busy in self._busy.items()}
        self._closed = {
            resource.location_id: {closure.date for closure in resource.location.closures.all()}
            for resource in resources
            if resource.location_id
        }
        self._weekly: dict[tuple[type, int], dict] = {}

    def _weekly_hours(self, owner) -> dict[int, list[tuple[time, time]]]:
        """A resource's or a location's hours by weekday, read from its relation once, when first asked: read per
        resource and day, each read made a related manager (a month's calendar made about 200)."""
        key = (type(owner), owner.pk)
        if key not in self._weekly:
            self._weekly[key] = _by_weekday(owner.hours.all())
        return self._weekly[key]

    def _is_closed(self, resource: Resource, day: date) -> bool:
        location = resource.location
        if location is None:
            return False
        return day in self._closed[location.pk] or (location.closed_on_public_holidays and is_public_holiday(day))

    def open_windows(self, resource_id: int, day: date) -> list[Window]:
        resource = self.resources[resource_id]
        if self._is_closed(resource, day):
            return []
        own_hours = self._weekly_hours(resource)
        own = [(local(day, opens), local(day, closes)) for opens, closes in own_hours.get(day.weekday(), ())]
        if resource.location is None:
            return own
        location_hours = [
            (local(day, opens), local(day, closes))
            for opens, closes in self._weekly_hours(resource.location).get(day.weekday(), ())
        ]
        return intersect(own, location_hours) if own_hours else location_hours

    def free_windows(self, resource_ids, day: date) -> list[Window]:
        """Where all of `resource_ids` are open and unclaimed together on `day`."""
        windows = None
        for resource_id in resource_ids:
            free = self._subtract_busy(resource_id, self.open_windows(resource_id, day))
            windows = free if windows is None else intersect(windows, free)
            if not windows:
                return []
        return windows or []

    def _subtract_busy(self, resource_id: int, windows: list[Window]) -> list[Window]:
        if not windows or resource_id not in self._busy:
            return windows
        busy = self._busy[resource_id]
        first = bisect_right(self._busy_ends[resource_id], windows[0][0])  # the first that ends after the opening
        last = bisect_left(busy, (windows[-1][1],))  # the first that starts at or after the closing
        return subtract(windows, busy[first:last])

    def starts(self, resource_ids, day: date, duration: timedelta, step: timedelta) -> list[datetime]:
        return starts_in(self.free_windows(resource_ids, day), duration, step)

    def is_free(self, resource_ids, start: datetime, end: datetime) -> bool:
        return any(
            window_start <= start and end <= window_end
            for window_start, window_end in self.free_windows(resource_ids, timezone.localtime(start).date())
        )
