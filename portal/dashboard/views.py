from django.shortcuts import render
from django.utils import timezone

from auth import loa
from auth.backends import SESSION_LOA
from auth.decorators import resident_required
from forms_engine.selectors import drafts_for_resident, submissions_for_resident
from portal.appointments.models import Wedding
from portal.appointments.selectors import upcoming_bookings_for_resident, weddings_for_resident
from portal.cases.selectors import cases_for_resident, cases_for_submissions, open_information_requests_for_resident
from portal.inbox.selectors import messages_for_resident

OPEN_CASES_SHOWN = 5
RECENT_MESSAGES_SHOWN = 3
RECENT_SUBMISSIONS_SHOWN = 3
UPCOMING_BOOKINGS_SHOWN = 5


@resident_required
def overview(request):
    """Mijn Loket: what needs the resident, and what is under way. Notices join with #10."""
    open_cases = cases_for_resident(resident=request.user).filter(closed_at__isnull=True)[:OPEN_CASES_SHOWN]
    submissions = list(submissions_for_resident(resident=request.user)[:RECENT_SUBMISSIONS_SHOWN])
    cases = cases_for_submissions(resident=request.user, submission_uuids=[s.uuid for s in submissions])
    for submission in submissions:
        submission.case = cases.get(submission.uuid)
    weddings = list(weddings_for_resident(resident=request.user))
    to_confirm = [w for w in weddings if w.resident_id != request.user.pk and w.state == Wedding.State.PROVISIONAL]
    return render(
        request,
        "dashboard/overview.html",
        {
            "loa_label": loa.label(request.session.get(SESSION_LOA, "")),
            "open_cases": open_cases,
            "open_questions": open_information_requests_for_resident(resident=request.user),
            "drafts": drafts_for_resident(resident=request.user),
            "submissions": submissions,
            "bookings": upcoming_bookings_for_resident(resident=request.user)[:UPCOMING_BOOKINGS_SHOWN],
            "weddings": weddings,
            "weddings_to_confirm": to_confirm,
            "recent_messages": messages_for_resident(resident=request.user)[:RECENT_MESSAGES_SHOWN],
            "today": timezone.localdate(),
        },
    )
