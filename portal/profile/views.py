from django.shortcuts import render

from auth.decorators import resident_required
from portal.registries.base import RegistryUnavailable
from portal.registries.brp import BrpClient


@resident_required
def my_details(request):
    """What the BRP holds about the resident. If the BRP cannot answer, the page says so instead of failing."""
    try:
        person = BrpClient().person(request.user.bsn)
        unavailable = False
    except RegistryUnavailable:
        person, unavailable = None, True
    return render(request, "profile/my_details.html", {"person": person, "unavailable": unavailable})
