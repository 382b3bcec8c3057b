from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.appointments.models import Booking, Location, Product, Resource, Wedding
from portal.appointments.schedule import Schedule, local, resources_with_schedules
from portal.core.translations import texts_of

NEAREST_DAYS_SEARCHED = 21


def bookable_products() -> QuerySet[Product]:
    return Product.objects.filter(active=True)


def desks_for(*, products: list[Product], location: Location | None = None) -> QuerySet[Resource]:
    """Active desks that handle every one of `products` (at `location`, when given)."""
    desks = Resource.objects.filter(kind=Resource.Kind.DESK, active=True)
    if location is not None:
        desks = desks.filter(location=location)
    for product in products:
        desks = desks.filter(products=product)
    return desks.distinct()


def locations_for(*, products: list[Product]) -> QuerySet[Location]:
    return Location.objects.filter(pk__in=desks_for(products=products).values("location")).order_by("name")


def booking_window(*, products: list[Product], today: date | None = None) -> tuple[date, date]:
    """The first and last day all of `products` can be booked on."""
    today = today or timezone.localdate()
    return (
        today + timedelta(days=max(p.min_days_ahead for p in products)),
        today + timedelta(days=min(p.max_days_ahead for p in products)),
    )


def appointment_length(*, products: list[Product], persons: int) -> timedelta:
    return timedelta(minutes=sum(product.minutes_for(persons) for product in products))


class Availability:
    """Free appointment times for a choice of products, persons and location, over a span of days."""

    def __init__(self, *, products: list[Product], persons: int, location: Location, first: date, last: date):
        window_first, window_last = booking_window(products=products)
        self.first, self.last = max(first, window_first), min(last, window_last)
        self.length = appointment_length(products=products, persons=persons)
        self.step = timedelta(minutes=location.slot_minutes)
        self.desks = resources_with_schedules(desks_for(products=products, location=location))
        self.schedule = Schedule(self.desks, self.first, max(self.first, self.last))
        self.now = timezone.now()

    def days(self):
        day = self.first
        while day <= self.last:
            yield day
            day += timedelta(days=1)

    def _free_starts(self, day: date):
        if self.first <= day <= self.last:
            for desk in self.desks:
                yield from (s for s in self.schedule.starts([desk.pk], day, self.length, self.step) if s > self.now)

    def starts(self, day: date) -> list[datetime]:
        return sorted(set(self._free_starts(day)))

    def has_starts(self, day: date) -> bool:
        return next(self._free_starts(day), None) is not None

    def is_open(self, start: datetime, end: datetime) -> bool:
        """Whether any desk works at that time at all, taken or not."""
        day = timezone.localtime(start).date()
        return any(
            window_start <= start and end <= window_end
            for desk in self.desks
            for window_start, window_end in self.schedule.open_windows(desk.pk, day)
        )

    def nearest(self, around: datetime, count: int = 5) -> list[datetime]:
        """Free times closest to `around`: that day first, then the days after it, then the days before."""
        day = timezone.localtime(around).date()
        same_day = sorted(self.starts(day), key=lambda start: abs(start - around))
        found = same_day[:count]
        for offset in range(1, NEAREST_DAYS_SEARCHED):
            if len(found) >= count:
                break
            found += self.starts(day + timedelta(days=offset))[: count - len(found)]
        for offset in range(1, NEAREST_DAYS_SEARCHED):
            if len(found) >= count:
                break
            found += self.starts(day - timedelta(days=offset))[-(count - len(found)) :]
        return sorted(found)


def availability_around(*, products, persons, location, around: datetime) -> Availability:
    day = timezone.localtime(around).date()
    return Availability(
        products=products,
        persons=persons,
        location=location,
        first=day - timedelta(days=NEAREST_DAYS_SEARCHED),
        last=day + timedelta(days=NEAREST_DAYS_SEARCHED),
    )


def upcoming_bookings_for_resident(*, resident) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(resident=resident, state=Booking.State.BOOKED, starts_at__gte=timezone.now())
        .select_related("location")
        .prefetch_related("products", *texts_of("products", "location"))
        .order_by("starts_at")
    )


def bookings_for_day(*, location: Location, day: date) -> QuerySet[Booking]:
    start = local(day, datetime.min.time())
    return (
        Booking.objects.filter(location=location, starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
        .exclude(state=Booking.State.CANCELLED)
        .select_related("resource")
        .prefetch_related("products")
        .order_by("starts_at", "resource__name")
    )


def weddings_for_resident(*, resident) -> QuerySet[Wedding]:
    """Reservations the resident made, and those awaiting (or given) their confirmation as the partner."""
    return (
        Wedding.objects.filter(Q(resident=resident) | Q(partner_bsn_digest=resident.bsn_digest))
        .exclude(state__in=[Wedding.State.EXPIRED, Wedding.State.CANCELLED])
        .select_related("ceremony_type", "room__location", "registrar")
        .order_by("starts_at")
    )


def open_wedding_of(*, digests: list[str]) -> Wedding | None:
    """A wedding still ahead in which any of these people (by BSN digest) is one of the couple: provisional and
    still held, or confirmed."""
    person = Q(resident__bsn_digest__in=digests) | Q(partner_bsn_digest__in=digests)
    still_held = Q(state=Wedding.State.PROVISIONAL, held_until__gt=timezone.now())
    confirmed = Q(state=Wedding.State.CONFIRMED, starts_at__gt=timezone.now())
    return (
        Wedding.objects.filter(person & (still_held | confirmed))
        .select_related("ceremony_type", "room__location", "registrar", "resident")
        .order_by("starts_at")
        .first()
    )
