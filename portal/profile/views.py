from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from auth.decorators import resident_required
from portal.profile.forms import BrpCorrectionForm, ContactPreferencesForm
from portal.profile.selectors import contact_preferences_for_resident
from portal.profile.services import brp_correction_case_type, brp_correction_request, contact_preferences_update
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
    return render(
        request,
        "profile/my_details.html",
        {
            "person": person,
            "unavailable": unavailable,
            "preferences": contact_preferences_for_resident(resident=request.user),
        },
    )


@resident_required
def contact_preferences(request):
    preferences = contact_preferences_for_resident(resident=request.user)
    form = ContactPreferencesForm(request.POST or None, instance=preferences)
    if request.method == "POST":
        if form.is_valid():
            contact_preferences_update(resident=request.user, **form.cleaned_data)
            messages.success(request, _("Uw contactvoorkeuren zijn opgeslagen."))
            return redirect("profile:my_details")
        return render(request, "profile/contact_preferences.html", {"form": form}, status=400)
    return render(request, "profile/contact_preferences.html", {"form": form})


@resident_required
def brp_correction(request):
    """'Klopt er iets niet?': the resident says which BRP data are wrong; it becomes a case for the BRP team. Without a
    configured case type the page says where to go instead, and accepts nothing."""
    available = brp_correction_case_type() is not None
    posted = request.method == "POST"
    form = BrpCorrectionForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and available and form.is_valid():
        case = brp_correction_request(
            resident=request.user,
            subject=form.cleaned_data["subject"],
            explanation=form.cleaned_data["explanation"],
            document=form.cleaned_data["document"],
        )
        messages.success(
            request,
            _("Uw melding is ontvangen als zaak %(number)s. U hoort van ons in Mijn Loket.")
            % {"number": case.identification},
        )
        return redirect("profile:my_details")
    return render(
        request, "profile/brp_correction.html", {"form": form, "available": available}, status=400 if posted else 200
    )
