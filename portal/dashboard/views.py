from django.shortcuts import render
from django.utils import timezone

from auth import loa
from auth.backends import SESSION_LOA
from auth.decorators import resident_required
from portal.appointments.models import Wedding
from portal.dashboard import selectors


@resident_required
def overview(request):
    """Mijn Loket: what needs the resident, and what is under way."""
    resident, now = request.user, timezone.now()
    weddings = selectors.weddings(resident_id=resident.pk, bsn_digest=resident.bsn_digest)
    to_confirm = [w for w in weddings if w.resident_id != resident.pk and w.state == Wedding.State.PROVISIONAL]
    return render(
        request,
        "dashboard/overview.html",
        {
            "loa_label": loa.label(request.session.get(SESSION_LOA, "")),
            "open_cases": selectors.open_cases(resident_id=resident.pk),
            "open_questions": selectors.open_questions(resident_id=resident.pk),
            "drafts": selectors.drafts(resident_id=resident.pk, now=now),
            "submissions": selectors.recent_submissions(resident_id=resident.pk),
            "bookings": selectors.upcoming_bookings(resident_id=resident.pk, now=now),
            "weddings": weddings,
            "weddings_to_confirm": to_confirm,
            "recent_messages": selectors.recent_messages(resident_id=resident.pk),
            "today": timezone.localdate(now),
        },
    )
