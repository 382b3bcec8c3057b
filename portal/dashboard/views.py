from django.shortcuts import render
from django.utils import timezone

from auth import loa
from auth.backends import SESSION_LOA
from auth.decorators import resident_required
from forms_engine.selectors import drafts_for_resident, submissions_for_resident
from portal.cases.selectors import cases_for_resident, cases_for_submissions, open_information_requests_for_resident
from portal.inbox.selectors import messages_for_resident

OPEN_CASES_SHOWN = 5
RECENT_MESSAGES_SHOWN = 3
RECENT_SUBMISSIONS_SHOWN = 3


@resident_required
def overview(request):
    """Mijn Loket: what needs the resident, and what is under way. Appointments and notices join with #9 and #10."""
    open_cases = cases_for_resident(resident=request.user).filter(closed_at__isnull=True)[:OPEN_CASES_SHOWN]
    submissions = list(submissions_for_resident(resident=request.user)[:RECENT_SUBMISSIONS_SHOWN])
    cases = cases_for_submissions(resident=request.user, submission_uuids=[s.uuid for s in submissions])
    for submission in submissions:
        submission.case = cases.get(submission.uuid)
    return render(
        request,
        "dashboard/overview.html",
        {
            "loa_label": loa.label(request.session.get(SESSION_LOA, "")),
            "open_cases": open_cases,
            "open_questions": open_information_requests_for_resident(resident=request.user),
            "drafts": drafts_for_resident(resident=request.user),
            "submissions": submissions,
            "recent_messages": messages_for_resident(resident=request.user)[:RECENT_MESSAGES_SHOWN],
            "today": timezone.localdate(),
        },
    )
