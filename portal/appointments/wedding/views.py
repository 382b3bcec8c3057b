"""The wedding planner: choose and get an answer at once (a plain GET form; with JavaScript the answer follows
every change), reserve provisionally with DigiD, and the partner confirms with their own DigiD."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from auth.decorators import resident_required
from portal.appointments.selectors import weddings_for_resident
from portal.appointments.services import SlotTaken
from portal.appointments.wedding.forms import ChoiceForm, ReserveForm
from portal.appointments.wedding.planner import instant_answer
from portal.appointments.wedding.services import wedding_confirm, wedding_reserve


def planner(request):
    form = ChoiceForm(request.GET or None)
    answer = instant_answer(form.choice()) if form.is_valid() else None
    context = {"form": form, "answer": answer}
    if request.GET.get("fragment"):
        return render(request, "appointments/wedding/answer.html", context)
    return render(request, "appointments/wedding/planner.html", context, status=400 if form.errors else 200)


@resident_required
def reserve(request):
    choice_form = ChoiceForm(request.GET)
    if not choice_form.is_valid():
        return render(request, "appointments/wedding/planner.html", {"form": choice_form}, status=400)
    choice = choice_form.choice()
    form = ReserveForm(request.POST or None)
    answer = None
    if request.method == "POST" and form.is_valid():
        try:
            wedding = wedding_reserve(
                choice=choice,
                resident=request.user,
                partner_bsn=form.cleaned_data["partner_bsn"],
                own_registrar_name=form.cleaned_data["own_registrar_name"],
            )
        except SlotTaken:
            answer = instant_answer(choice)
        except ValidationError as error:
            form.add_error(None, error)  # field errors land at their field, the rest on top
        else:
            messages.success(
                request, _("Uw voorlopige reservering staat. Vraag uw partner om binnen 7 dagen te bevestigen.")
            )
            return redirect("wedding:mine", uuid=wedding.uuid)
    status = 409 if answer else (400 if form.errors else 200)
    return render(
        request,
        "appointments/wedding/reserve.html",
        {"choice": choice, "form": form, "answer": answer},
        status=status,
    )


@resident_required
def mine(request, uuid):
    wedding = get_object_or_404(weddings_for_resident(resident=request.user), uuid=uuid)
    is_partner = wedding.resident_id != request.user.pk
    return render(request, "appointments/wedding/mine.html", {"wedding": wedding, "is_partner": is_partner})


@require_POST
@resident_required
def confirm(request, uuid):
    wedding = get_object_or_404(weddings_for_resident(resident=request.user), uuid=uuid)
    try:
        wedding_confirm(wedding=wedding, partner=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Dank u. U heeft het voorgenomen huwelijk bevestigd."))
    return redirect("wedding:mine", uuid=wedding.uuid)
