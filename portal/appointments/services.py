from datetime import datetime, timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.appointments.models import UNIT, Block, Booking, BookingHolder, Claim, Location, Product, Resource
from portal.appointments.schedule import Schedule, resources_with_schedules, units
from portal.appointments.selectors import appointment_length, availability_around, booking_window, desks_for
from portal.appointments.tasks import refund_cancelled_booking, send_booking_mail
from portal.core.translations import interface_language, texts_of

LINK_SALT = "appointments.manage"
LINK_MAX_AGE = timedelta(days=400)
REMINDER_BEFORE = timedelta(hours=24)
SURVEY_WITHIN = timedelta(days=7)


class SlotTaken(Exception):
    """Someone else was just first; `alternatives` are the nearest free times."""

    def __init__(self, alternatives: list[datetime]):
        super().__init__("slot taken")
        self.alternatives = alternatives


class LinkProblem(Exception):
    """A move/cancel link that cannot be used; `reason` is garbled, expired, used or past."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class TooManyBookings(Exception):
    """Fair use: the person already holds an appointment at that time (`overlapping`), or as many open ones for
    `product` as it allows. `held` are their open appointments, to move or cancel instead."""

    def __init__(self, *, held: list[Booking], overlapping: bool = False, product: Product | None = None):
        super().__init__("too many bookings")
        self.held, self.overlapping, self.product = held, overlapping, product


def _open_bookings_of(*, resident, email: str):
    """A resident's open appointments; without DigiD, those made with the same e-mail address."""
    open_bookings = Booking.objects.filter(state=Booking.State.BOOKED, ends_at__gt=timezone.now())
    if resident is not None:
        return open_bookings.filter(resident=resident)
    return open_bookings.filter(email__iexact=email.strip())


def hold(*keys: str) -> None:
    """Locks one row per person until the transaction ends: their requests are decided one after another (the
    UPDATE takes the row lock on PostgreSQL and the write lock on SQLite), so no two can both pass a fair-use
    check. Keys are locked in one order, so two requests naming the same people cannot deadlock."""
    for key in sorted(set(keys)):
        holder, _created = BookingHolder.objects.get_or_create(key=key)
        BookingHolder.objects.filter(pk=holder.pk).update(touched_at=timezone.now())


def _hold_person(*, resident, email: str) -> None:
    hold(f"resident:{resident.pk}" if resident is not None else f"email:{email.strip().lower()}")


def check_fair_use(*, products, starts_at: datetime, ends_at: datetime, resident, email: str, moving=None) -> None:
    """Refuses a second appointment at the same time, and more open ones per product than the product allows."""
    held = list(
        _open_bookings_of(resident=resident, email=email)
        .exclude(pk=getattr(moving, "pk", None))
        .select_related("location")
        .prefetch_related("products")
        .order_by("starts_at")
    )
    if any(booking.starts_at < ends_at and booking.ends_at > starts_at for booking in held):
        raise TooManyBookings(held=held, overlapping=True)
    if moving is not None:
        return  # a move keeps the number of appointments
    for product in products:
        if sum(product in booking.products.all() for booking in held) >= product.max_open_per_person:
            raise TooManyBookings(held=held, product=product)


def claim(*, resources, start: datetime, end: datetime, **holder) -> None:
    """Hold [start, end) on every resource for one holder; the unique constraint refuses time already held."""
    Claim.objects.bulk_create(
        [Claim(resource=resource, starts_at=unit, **holder) for resource in resources for unit in units(start, end)]
    )


def check_request(*, products: list[Product], persons: int, location: Location, starts_at: datetime) -> None:
    """Refuse what can never be booked, with the reason (taken time is the database's answer, later)."""
    if not products or any(not product.active for product in products):
        raise ValidationError({"products": _("Kies waarvoor u een afspraak wilt maken.")})
    most = min(product.max_persons for product in products)
    if not 1 <= persons <= most:
        raise ValidationError({"persons": _("Kies 1 tot en met %(most)s personen.") % {"most": most}})
    if not desks_for(products=products, location=location).exists():
        raise ValidationError({"location": _("Op deze locatie kunt u hiervoor geen afspraak maken.")})
    first, last = booking_window(products=products)
    day = timezone.localtime(starts_at).date()
    if starts_at <= timezone.now() or day < first:
        raise ValidationError(
            {"starts_at": _("U kunt een afspraak maken vanaf %(day)s.") % {"day": f"{first:%d-%m-%Y}"}}
        )
    if day > last:
        raise ValidationError(
            {"starts_at": _("U kunt een afspraak maken tot en met %(day)s.") % {"day": f"{last:%d-%m-%Y}"}}
        )
    if starts_at.timestamp() % (location.slot_minutes * 60):
        raise ValidationError({"starts_at": _("Kies een van de getoonde tijden.")})


def _free_desks(*, products, location, starts_at, ends_at) -> list[Resource]:
    """Desks open and unclaimed for the whole appointment, as far as we can see now."""
    desks = resources_with_schedules(desks_for(products=products, location=location))
    day = timezone.localtime(starts_at).date()
    schedule = Schedule(desks, day, day)
    return [desk for desk in desks if schedule.is_free([desk.pk], starts_at, ends_at)]


def _unavailable(*, products, persons, location, starts_at) -> Exception:
    """Why a checked time could not be claimed: nobody works then (an error), or someone was first."""
    availability = availability_around(products=products, persons=persons, location=location, around=starts_at)
    if not availability.is_open(starts_at, starts_at + availability.length):
        return ValidationError(
            {"starts_at": _("Op dat moment is de locatie gesloten. Kies een van de getoonde tijden.")}
        )
    return SlotTaken(availability.nearest(starts_at))


def booking_create(
    *,
    products: list[Product],
    persons: int,
    location: Location,
    starts_at: datetime,
    name: str,
    email: str,
    phone: str = "",
    resident=None,
    acted_by=None,
    mandate: str = "",
    auth_context: dict | None = None,
) -> Booking:
    """`acted_by` and `mandate`: who made it and on what ground, when not the resident it is for (a parent);
    `auth_context`: how they logged in (auth/context.py)."""
    products = list(products)
    check_request(products=products, persons=persons, location=location, starts_at=starts_at)
    ends_at = starts_at + appointment_length(products=products, persons=persons)
    booking = Booking(
        persons=persons,
        location=location,
        starts_at=starts_at,
        ends_at=ends_at,
        name=name,
        email=email,
        phone=phone,
        resident=resident,
        acted_by=acted_by,
        mandate=mandate,
        auth_context=auth_context or {},
        language=interface_language(),
    )
    booking.full_clean(exclude=["resource"])
    with transaction.atomic():
        _hold_person(resident=resident, email=email)
        check_fair_use(products=products, starts_at=starts_at, ends_at=ends_at, resident=resident, email=email)
        for desk in _free_desks(products=products, location=location, starts_at=starts_at, ends_at=ends_at):
            try:
                with transaction.atomic():
                    booking.resource = desk
                    booking.save()
                    booking.products.set(products)
                    claim(resources=[desk], start=starts_at, end=ends_at, booking=booking)
            except IntegrityError:
                booking.pk, booking._state.adding = None, True  # someone was first at this desk; try the next
                continue
            transaction.on_commit(lambda: send_booking_mail.enqueue(booking_id=booking.pk, kind="booked"))
            return booking
    raise _unavailable(products=products, persons=persons, location=location, starts_at=starts_at)


def booking_move(*, booking: Booking, starts_at: datetime) -> Booking:
    """Move to a new time; the old time is given up only once the new one is held (one transaction)."""
    products = list(booking.products.all())
    location = booking.location
    check_request(products=products, persons=booking.persons, location=location, starts_at=starts_at)
    ends_at = starts_at + appointment_length(products=products, persons=booking.persons)
    with transaction.atomic():
        _hold_person(resident=booking.resident, email=booking.email)
        locked = Booking.objects.select_for_update(of=("self",)).get(pk=booking.pk)
        if locked.state != Booking.State.BOOKED:
            raise ValidationError(_("Deze afspraak is geannuleerd of al geweest."))
        check_fair_use(
            products=products,
            starts_at=starts_at,
            ends_at=ends_at,
            resident=locked.resident,
            email=locked.email,
            moving=locked,
        )
        locked.claims.all().delete()
        for desk in _free_desks(products=products, location=location, starts_at=starts_at, ends_at=ends_at):
            try:
                with transaction.atomic():
                    claim(resources=[desk], start=starts_at, end=ends_at, booking=locked)
            except IntegrityError:
                continue
            locked.resource, locked.starts_at, locked.ends_at = desk, starts_at, ends_at
            locked.link_version += 1
            locked.reminder_sent_at = None
            locked.save(update_fields=["resource", "starts_at", "ends_at", "link_version", "reminder_sent_at"])
            transaction.on_commit(lambda: send_booking_mail.enqueue(booking_id=locked.pk, kind="moved"))
            return locked
        transaction.set_rollback(True)  # nothing free: the old time stays held
    raise _unavailable(products=products, persons=booking.persons, location=location, starts_at=starts_at)


def booking_cancel(*, booking: Booking) -> None:
    with transaction.atomic():
        locked = Booking.objects.select_for_update(of=("self",)).get(pk=booking.pk)
        if locked.state != Booking.State.BOOKED:
            raise ValidationError(_("Deze afspraak is al geannuleerd of al geweest."))
        locked.claims.all().delete()
        locked.state = Booking.State.CANCELLED
        locked.link_version += 1
        locked.save(update_fields=["state", "link_version"])
        transaction.on_commit(lambda: send_booking_mail.enqueue(booking_id=locked.pk, kind="cancelled"))
        if locked.paid_at:
            transaction.on_commit(lambda: refund_cancelled_booking.enqueue(booking_id=locked.pk))


def booking_set_outcome(*, booking: Booking, state: str) -> None:
    """Staff note that the resident came (done) or did not (no-show)."""
    if state not in (Booking.State.DONE, Booking.State.NO_SHOW):
        raise ValidationError(_("Kies 'geweest' of 'niet gekomen'."))
    if state == Booking.State.NO_SHOW and booking.starts_at > timezone.now():
        raise ValidationError(_("Een afspraak die nog moet beginnen, kan niet gemist zijn."))
    updated = Booking.objects.filter(pk=booking.pk, state=Booking.State.BOOKED).update(state=state)
    if not updated:
        raise ValidationError(_("Deze afspraak is geannuleerd of al afgehandeld."))


def block_create(*, resource: Resource, starts_at: datetime, ends_at: datetime, reason: str, by) -> Block:
    """Take time off a resource's schedule; refused where appointments are booked (move them first)."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Het einde moet na het begin liggen.")})
    if starts_at.timestamp() % UNIT.total_seconds() or ends_at.timestamp() % UNIT.total_seconds():
        raise ValidationError(_("Gebruik tijden op hele 5 minuten."))
    if ends_at - starts_at > timedelta(days=31):
        raise ValidationError({"ends_at": _("Blokkeer hooguit 31 dagen tegelijk.")})
    try:
        with transaction.atomic():
            block = Block(resource=resource, starts_at=starts_at, ends_at=ends_at, reason=reason, created_by=by)
            block.full_clean()
            block.save()
            claim(resources=[resource], start=starts_at, end=ends_at, block=block)
    except IntegrityError:
        taken = (
            Claim.objects.filter(resource=resource, starts_at__gte=starts_at, starts_at__lt=ends_at)
            .order_by("starts_at")
            .first()
        )
        at = timezone.localtime(taken.starts_at).strftime("%H:%M") if taken else ""
        raise ValidationError(
            _("In deze tijd is al iets gepland (vanaf %(time)s). Verplaats dat eerst.") % {"time": at}
        ) from None
    return block


def manage_token(booking: Booking) -> str:
    return signing.dumps([str(booking.uuid), booking.link_version], salt=LINK_SALT)


def booking_for_token(token: str) -> Booking:
    """The booking a move/cancel link is for, if the link is genuine, current and the appointment still ahead."""
    try:
        booking_uuid, version = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkProblem("expired") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkProblem("garbled") from None
    booking = (
        Booking.objects.select_related("location")
        .prefetch_related("products", *texts_of("products", "location"))
        .filter(uuid=booking_uuid)
        .first()
    )
    if booking is None:
        raise LinkProblem("garbled")
    if booking.link_version != version or booking.state != Booking.State.BOOKED:
        raise LinkProblem("used")
    if booking.starts_at <= timezone.now():
        raise LinkProblem("past")
    return booking


def _mail_once(*, due, sent_field: str, kind: str, now: datetime) -> int:
    """Queue the `kind` mail for each booking in `due` whose `sent_field` is still empty; safe to run every hour
    and on two machines: each mail is taken by one conditional update before it is queued."""
    sent = 0
    for booking_id in list(due.filter(**{f"{sent_field}__isnull": True}).values_list("pk", flat=True)):
        if Booking.objects.filter(pk=booking_id, **{f"{sent_field}__isnull": True}).update(**{sent_field: now}):
            send_booking_mail.enqueue(booking_id=booking_id, kind=kind)
            sent += 1
    return sent


def satisfaction_requests_send(*, now: datetime | None = None) -> int:
    """Ask once how it went, after an appointment staff marked as attended in the last week."""
    now = now or timezone.now()
    due = Booking.objects.filter(state=Booking.State.DONE, ends_at__lte=now, ends_at__gt=now - SURVEY_WITHIN)
    return _mail_once(due=due, sent_field="survey_sent_at", kind="survey", now=now)


def reminders_send(*, now: datetime | None = None) -> int:
    """Remind everyone whose appointment starts within a day."""
    now = now or timezone.now()
    due = Booking.objects.filter(state=Booking.State.BOOKED, starts_at__gt=now, starts_at__lte=now + REMINDER_BEFORE)
    return _mail_once(due=due, sent_field="reminder_sent_at", kind="reminder", now=now)
