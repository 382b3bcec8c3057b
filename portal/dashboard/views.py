from django.shortcuts import render
from django.utils import timezone

from auth import acting, loa
from auth.backends import SESSION_LOA
from auth.decorators import resident_required
from portal.appointments.models import Wedding
from portal.dashboard import selectors


@resident_required
def overview(request):
    """Mijn Loket: what needs the resident, and what is under way."""
    # Acting for a child (auth/acting.py): the child's appointments only, what the mandate covers; the banner says
    # so on every page.
    on_behalf = acting.acting(request)
    resident, now = acting.subject(request), timezone.now()
    context = {
        "loa_label": loa.label(request.session.get(SESSION_LOA, "")),
        "bookings": selectors.upcoming_bookings(resident_id=resident.pk, now=now),
        "today": timezone.localdate(now),
        "acting": on_behalf,
    }
    if on_behalf is None:
        weddings = selectors.weddings(resident_id=resident.pk, bsn_digest=resident.bsn_digest)
        context |= {
            "open_cases": selectors.open_cases(resident_id=resident.pk),
            "open_questions": selectors.open_questions(resident_id=resident.pk),
            "drafts": selectors.drafts(resident_id=resident.pk, now=now),
            "submissions": selectors.recent_submissions(resident_id=resident.pk),
            "weddings": weddings,
            "weddings_to_confirm": [
                w for w in weddings if w.resident_id != resident.pk and w.state == Wedding.State.PROVISIONAL
            ],
            "recent_messages": selectors.recent_messages(resident_id=resident.pk),
        }
    return render(request, "dashboard/overview.html", context)
