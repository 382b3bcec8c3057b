"""The wedding planner: choose and get an answer at once (a plain GET form; with JavaScript the answer follows
every change), reserve provisionally with DigiD, and the partner confirms with their own DigiD."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from auth import context as auth_context
from auth.decorators import resident_required
from portal.appointments.selectors import open_wedding_of, weddings_for_resident
from portal.appointments.services import SlotTaken
from portal.appointments.wedding.forms import ChoiceForm, MoveForm, ReserveForm
from portal.appointments.wedding.planner import Choice, instant_answer
from portal.appointments.wedding.services import (
    WeddingAlreadyHeld,
    wedding_cancel,
    wedding_confirm,
    wedding_move,
    wedding_reserve,
)
from portal.core.ratelimit import rate_limited


@rate_limited("availability")
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
    held = open_wedding_of(digests=[request.user.bsn_digest])
    if held is not None:
        return _move_page(request, held, choice, already_held=True)
    form = ReserveForm(request.POST or None)
    answer = None
    if request.method == "POST" and form.is_valid():
        try:
            wedding = wedding_reserve(
                choice=choice,
                resident=request.user,
                partner_bsn=form.cleaned_data["partner_bsn"],
                own_registrar_name=form.cleaned_data["own_registrar_name"],
                auth_context=auth_context.for_request(request),
            )
        except WeddingAlreadyHeld as refusal:
            return _move_page(request, refusal.wedding, choice, already_held=True)
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
    return render(
        request,
        "appointments/wedding/mine.html",
        {"wedding": wedding, "current": Choice.of(wedding), "is_partner": is_partner},
    )


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


@require_POST
@resident_required
def pay(request, uuid):
    """Pay the ceremony's fee (either partner may) within the hold."""
    from portal.appointments.wedding.payment import PURPOSE
    from portal.payments.views import to_checkout

    wedding = get_object_or_404(weddings_for_resident(resident=request.user), uuid=uuid)
    back_url = reverse("wedding:mine", kwargs={"uuid": wedding.uuid})
    return to_checkout(request, purpose=PURPOSE, purpose_id=str(wedding.uuid), back_url=back_url)


def _move_page(request, wedding, choice, *, already_held=False, form=None, answer=None):
    """The reservation the couple has, and the choice to move it to. Reached by a second reservation attempt
    (one per couple) or by "Ander moment kiezen"; a reservation of someone else's couple is not shown."""
    ours = wedding.resident_id == request.user.pk or wedding.partner_bsn_digest == request.user.bsn_digest
    movable = ours and wedding.state == wedding.State.PROVISIONAL
    context = {
        "wedding": wedding if ours else None,
        "current": Choice.of(wedding) if ours else None,
        "choice": choice,
        "already_held": already_held,
        "movable": movable,
        "form": form or MoveForm(wedding=wedding, choice=choice),
        "answer": answer,
    }
    status = 409 if already_held or answer else (400 if context["form"].errors else 200)
    return render(request, "appointments/wedding/move.html", context, status=status)


@resident_required
def move(request, uuid):
    wedding = get_object_or_404(weddings_for_resident(resident=request.user), uuid=uuid)
    choice_form = ChoiceForm(request.GET)
    if not choice_form.is_valid():
        return render(request, "appointments/wedding/planner.html", {"form": choice_form}, status=400)
    choice = choice_form.choice()
    form = MoveForm(request.POST if request.method == "POST" else None, wedding=wedding, choice=choice)
    if request.method == "POST" and form.is_valid():
        try:
            wedding_move(
                wedding=wedding,
                choice=choice,
                by=request.user,
                own_registrar_name=form.cleaned_data.get("own_registrar_name", ""),
            )
        except SlotTaken:
            return _move_page(request, wedding, choice, form=form, answer=instant_answer(choice))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uw reservering is verplaatst. Uw partner bevestigt binnen dezelfde 7 dagen."))
            return redirect("wedding:mine", uuid=wedding.uuid)
    return _move_page(request, wedding, choice, form=form)


@resident_required
def cancel(request, uuid):
    wedding = get_object_or_404(weddings_for_resident(resident=request.user), uuid=uuid)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            wedding_cancel(wedding=wedding, by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("wedding:mine", uuid=wedding.uuid)
        messages.success(request, _("Uw voorlopige huwelijksreservering is geannuleerd. De zaal is weer vrij."))
        return redirect("dashboard:overview")
    if wedding.state != wedding.State.PROVISIONAL:
        messages.error(request, _("Een bevestigd huwelijk annuleert u via de gemeente. Neem contact met ons op."))
        return redirect("wedding:mine", uuid=wedding.uuid)
    return render(
        request, "appointments/wedding/cancel_confirm.html", {"wedding": wedding, "current": Choice.of(wedding)}
    )
