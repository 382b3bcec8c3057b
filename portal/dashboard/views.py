from django.shortcuts import render

from auth import loa
from auth.backends import SESSION_LOA
from auth.decorators import resident_required


@resident_required
def overview(request):
    """Mijn Loket. Cases, messages and appointments join this page as their apps land (#6-#9)."""
    return render(request, "dashboard/overview.html", {"loa_label": loa.label(request.session.get(SESSION_LOA, ""))})
