"""What Mijn Loket asks the database on every visit, each question prepared once (portal/core/prepared.py): the
resident and the clock are the only parameters, and only the columns the page shows are loaded."""

from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery

from forms_engine.models import Draft, Submission
from portal.appointments.models import Booking, Product, Wedding
from portal.cases.models import Case
from portal.cases.selectors import CASE_CARD_FIELDS, open_requests
from portal.core.prepared import prepared
from portal.inbox.models import Message

OPEN_CASES_SHOWN = 5
RECENT_MESSAGES_SHOWN = 3
RECENT_SUBMISSIONS_SHOWN = 3
UPCOMING_BOOKINGS_SHOWN = 5


@prepared(resident_id=int)
def open_questions(resident_id):
    """Questions waiting for the resident's answer, with the case they are about."""
    return (
        open_requests()
        .filter(case__resident_id=resident_id)
        .select_related("case__case_type")
        .only("uuid", "deadline", "case__uuid", "case__case_type__name")
    )


@prepared(resident_id=int)
def open_cases(resident_id):
    """The newest open cases as cards (cases/includes/case_cards.html)."""
    return (
        Case.objects.filter(resident_id=resident_id, closed_at__isnull=True)
        .select_related("case_type", "current_status__status_type")
        .annotate(waiting_for_resident=Exists(open_requests().filter(case=OuterRef("pk"))))
        .only(*CASE_CARD_FIELDS)[:OPEN_CASES_SHOWN]
    )


@prepared(resident_id=int, now=datetime)
def drafts(resident_id, now):
    """Forms the resident began and may still finish."""
    return (
        Draft.objects.filter(resident_id=resident_id, expires_at__gt=now)
        .select_related("form")
        .only("uuid", "step_title", "expires_at", "form__name")
    )


@prepared(resident_id=int)
def recent_submissions(resident_id):
    """The last sent forms, each with the case it became (if registered yet)."""
    case = Case.objects.filter(submission_uuid=OuterRef("uuid"), resident_id=OuterRef("resident_id"))
    return (
        Submission.objects.filter(resident_id=resident_id)
        .select_related("form")
        .annotate(
            case_uuid=Subquery(case.values("uuid")[:1]),
            case_identification=Subquery(case.values("identification")[:1]),
        )
        .only("uuid", "reference", "created_at", "payment_status", "resident_id", "auth_context", "form__name")
        .order_by("-created_at")[:RECENT_SUBMISSIONS_SHOWN]
    )


@prepared(resident_id=int, now=datetime)
def upcoming_bookings(resident_id, now):
    return (
        Booking.objects.filter(resident_id=resident_id, state=Booking.State.BOOKED, starts_at__gte=now)
        .select_related("location")
        .prefetch_related(Prefetch("products", queryset=Product.objects.only("name")))
        .only("uuid", "starts_at", "location__name", "auth_context")
        .order_by("starts_at")[:UPCOMING_BOOKINGS_SHOWN]
    )


@prepared(resident_id=int, bsn_digest=str)
def weddings(resident_id, bsn_digest):
    """Reservations the resident made, and those awaiting (or given) their confirmation as the partner (as
    appointments.selectors.weddings_for_resident)."""
    return (
        Wedding.objects.filter(Q(resident_id=resident_id) | Q(partner_bsn_digest=bsn_digest))
        .exclude(state__in=[Wedding.State.EXPIRED, Wedding.State.CANCELLED])
        .select_related("ceremony_type", "room")
        .only("uuid", "resident_id", "state", "starts_at", "held_until", "ceremony_type__name", "room__name")
        .order_by("starts_at")
    )


@prepared(resident_id=int)
def recent_messages(resident_id):
    messages = Message.objects.filter(resident_id=resident_id)
    return messages.only("uuid", "subject", "languages", "read_at", "created_at")[:RECENT_MESSAGES_SHOWN]
