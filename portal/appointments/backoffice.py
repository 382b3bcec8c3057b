"""Staff's day list per location (printable), with 'came' / 'did not come' per appointment and blocking time.
Reading the list shows residents' names, so every view is written to the access log."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.appointments.forms import BlockForm
from portal.appointments.models import Booking, Location, Resource
from portal.appointments.schedule import local
from portal.appointments.selectors import bookings_for_day
from portal.appointments.services import block_create, booking_set_outcome
from portal.core.models import audit


class DayForm(forms.Form):
    location = forms.ModelChoiceField(label=_("Locatie"), queryset=Location.objects.all(), empty_label=None)
    day = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def day_list(request):
    _require(request, "appointments.view_booking")
    form = DayForm(
        request.GET or {"location": Location.objects.values_list("pk", flat=True).first(), "day": timezone.localdate()}
    )
    if not form.is_valid():
        return render(request, "appointments/backoffice/day_list.html", {"form": form}, status=400)
    location, day = form.cleaned_data["location"], form.cleaned_data["day"]
    desks = Resource.objects.filter(location=location, kind=Resource.Kind.DESK)
    block_form = BlockForm(request.POST if "block" in request.POST else None, resources=desks, initial={"day": day})
    if request.method == "POST":
        _require(request, "appointments.change_booking")
        try:
            if "block" in request.POST:
                if block_form.is_valid():
                    data = block_form.cleaned_data
                    block_create(
                        resource=data["resource"],
                        starts_at=local(data["day"], data["starts"]),
                        ends_at=local(data["day"], data["ends"]),
                        reason=data["reason"],
                        by=request.user,
                    )
                    messages.success(request, _("De tijd is geblokkeerd."))
                    return redirect(request.get_full_path())
            else:
                booking = get_object_or_404(Booking, uuid=request.POST.get("booking"), location=location)
                booking_set_outcome(booking=booking, state=request.POST.get("outcome", ""))
                messages.success(request, _("Opgeslagen."))
                return redirect(request.get_full_path())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    bookings = list(bookings_for_day(location=location, day=day))
    audit(user=request.user, action="view", obj=location, context=f"afspraken {day:%Y-%m-%d}")
    template = (
        "appointments/backoffice/day_print.html"
        if request.GET.get("print")
        else "appointments/backoffice/day_list.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "location": location,
            "day": day,
            "bookings": bookings,
            "block_form": block_form,
            "now": timezone.now(),
        },
    )
