"""Booking an appointment: what for and for how many → where → which day → which time → your details.
Every step is a plain GET form carrying the earlier choices, so back, reload and bookmarks work without
JavaScript; only the last step writes."""

import calendar
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from auth import acting, loa
from auth import context as auth_context
from auth.decorators import resident_required
from auth.mandates import Mandate
from forms_engine import assist
from portal.appointments.forms import ContactForm, SlotQueryForm
from portal.appointments.selectors import (
    Availability,
    booking_window,
    locations_for,
    upcoming_bookings_for_resident,
)
from portal.appointments.services import (
    LinkProblem,
    SlotTaken,
    TooManyBookings,
    booking_cancel,
    booking_create,
    booking_for_token,
    booking_move,
    manage_token,
)
from portal.core.models import audit_lookup
from portal.core.ratelimit import rate_limited
from portal.core.translations import with_texts
from portal.profile.selectors import contact_preferences_for_resident
from portal.registries.base import RegistryUnavailable
from portal.registries.brp import BrpClient

STEPS = ["products", "location", "day", "time", "details"]
# Which step to show again when a choice is wrong: the one that asks for it (a time is chosen from a day).
FIELD_STEP = {"products": "products", "persons": "products", "location": "location", "day": "day", "month": "day"}
REQUIRED = {
    "products": (),
    "location": ("products", "persons"),
    "day": ("products", "persons", "location"),
    "time": ("products", "persons", "location", "day"),
    "details": ("products", "persons", "location", "start"),
}


def _query(data: dict, *names, **extra) -> str:
    """Earlier choices as a query string, for links to another step."""
    pairs = [("products", product.slug) for product in data.get("products", [])]
    pairs += [("persons", data.get("persons") or 1)]
    if "location" in names:
        pairs.append(("location", data["location"].slug))
    return urlencode(pairs + list(extra.items()))


def _products_context(data: dict) -> dict:
    return {}


def _location_context(data: dict) -> dict:
    return {"locations": with_texts(locations_for(products=data["products"]))}


def _day_context(data: dict) -> dict:
    products, location = data["products"], data["location"]
    first, last = booking_window(products=products)
    month = (data.get("month") or data.get("day") or first).replace(day=1)
    month = min(max(month, first.replace(day=1)), last.replace(day=1))
    month_last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    availability = Availability(
        products=products, persons=data["persons"], location=location, first=month, last=month_last
    )
    chosen_day = data.get("day")
    weeks = [
        [
            {"day": day, "iso": day.isoformat(), "free": availability.has_starts(day), "chosen": day == chosen_day}
            if day.month == month.month
            else None
            for day in week
        ]
        for week in calendar.Calendar().monthdatescalendar(month.year, month.month)
    ]
    previous_month = (month - timedelta(days=1)).replace(day=1)
    next_month = month_last + timedelta(days=1)
    return {
        "month": month,
        "weeks": weeks,
        "previous_month": previous_month if previous_month >= first.replace(day=1) else None,
        "next_month": next_month if next_month <= last else None,
        "window_first": first,
        "window_last": last,
        "day_url": reverse("appointments:time") + "?" + _query(data, "location") + "&",
        "month_url": reverse("appointments:day") + "?" + _query(data, "location") + "&",
        "back": reverse("appointments:location") + "?" + _query(data),
    }


def _time_context(data: dict) -> dict:
    day = data["day"]
    availability = Availability(
        products=data["products"], persons=data["persons"], location=data["location"], first=day, last=day
    )
    return {
        "day": day,
        "times": availability.starts(day),
        "back": reverse("appointments:day") + "?" + _query(data, "location", month=f"{day:%Y-%m}"),
    }


CONTEXT = {
    "products": _products_context,
    "location": _location_context,
    "day": _day_context,
    "time": _time_context,
}


def _assisting(request):
    """Staff booking for a resident at the counter or on the phone (forms_engine/assist.py), or None."""
    return assist.current(request) if assist.SESSION in request.session else None


def _show(request, form, step: str, status: int | None = None, **extra):
    data = form.cleaned_data if form.is_bound else {}
    if step == "location" and data.get("products"):
        form.fields["location"].queryset = with_texts(locations_for(products=data["products"]))
    context = {"form": form, "chosen": data, "step": STEPS.index(step) + 1, "steps": len(STEPS)}
    context["assisting"] = _assisting(request)
    context |= CONTEXT[step](data) if step in CONTEXT else {}
    context |= extra
    response = render(request, f"appointments/{step}.html", context, status=status or (400 if form.errors else 200))
    if context["assisting"] is not None:  # the resident's name in the banner
        patch_cache_control(response, private=True, no_store=True)
    return response


def _choices(request, step: str):
    """The resident's choices up to `step`, or the response that shows the first wrong one again. A parent acting
    for their child chooses only among the products that may be booked for a child."""
    for_child = acting.acting(request) is not None
    if step == "products":  # the start: a link may preselect products ("?products=paspoort")
        initial = {"products": request.GET.getlist("products"), "persons": request.GET.get("persons", 1)}
        return SlotQueryForm(initial=initial, for_child=for_child), None
    form = SlotQueryForm(request.GET, require=REQUIRED[step], for_child=for_child)
    if form.is_valid():
        return form, None
    wrong = min((FIELD_STEP.get(name, "day") for name in form.errors), key=STEPS.index)
    return form, _show(request, form, wrong)


def _step_view(step: str):
    def view(request):
        form, problem = _choices(request, step)
        return problem or _show(request, form, step)

    view.__name__ = f"choose_{step}"
    return view


start = _step_view("products")
choose_location = _step_view("location")
# The calendar and the times are what scrapers of free appointments ask for.
choose_day = rate_limited("availability")(_step_view("day"))
choose_time = rate_limited("availability")(_step_view("time"))


def _required_loa(products) -> str:
    """The DigiD level the booking needs; empty when every product may be booked without logging in."""
    if all(product.allow_anonymous and not product.required_loa for product in products):
        return ""
    order = [acr for acr, _label in loa.LEVELS]
    return max((product.required_loa or loa.BASIS for product in products), key=order.index)


def _prefill(request) -> dict:
    """Name from the BRP and contact details from the resident's preferences: never ask what we know. For a child,
    the child's name and the parent's contact details (the parent gets the mails); at the counter, the resident's."""
    assisting = _assisting(request)
    if assisting is not None:
        contact = subject = assisting.resident
    elif getattr(request.user, "is_resident", False):
        contact, subject = request.user, acting.subject(request)
    else:
        return {}
    preferences = contact_preferences_for_resident(resident=contact)
    initial = {"email": preferences.email, "phone": preferences.phone.as_national if preferences.phone else ""}
    try:
        person = BrpClient().person(subject.bsn)
    except RegistryUnavailable:
        person = None
    if person is not None:
        initial["name"] = person.full_name
        by = request.user if subject != request.user else None
        audit_lookup(resident=subject, registries=["BRP"], action="lookup_appointment", by=by)
    return initial


@rate_limited("booking", anonymous_only=True, methods=("POST",))
def details(request):
    form, problem = _choices(request, "details")
    if problem:
        return problem
    required = _required_loa(form.cleaned_data["products"])
    if required and _assisting(request) is None:  # at the counter staff checked the identity document
        return resident_required(_details, loa_at_least=required)(request, form)
    response = _details(request, form)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _parsed(name: str, value: str, default=None):
    """One choice read on its own (a time picked after another was taken, a day on the move page)."""
    try:
        return SlotQueryForm.base_fields[name].clean(value) or default
    except ValidationError:
        return default


def _details(request, form):
    data = form.cleaned_data
    assisting, on_behalf = _assisting(request), acting.acting(request)
    if assisting is not None:  # staff for a resident: the resident's booking, made by the employee
        resident, acted_by, mandate = assisting.resident, request.user, Mandate.STAFF
        recorded = assist.auth_context(request, assisting)
    else:
        resident = acting.subject(request) if getattr(request.user, "is_resident", False) else None
        acted_by, mandate = (request.user, on_behalf.mandate) if on_behalf else (None, "")
        recorded = auth_context.for_request(request)
    contact = ContactForm(request.POST) if request.method == "POST" else ContactForm(initial=_prefill(request))
    start = data["start"]
    extra = {"contact": contact, "start": start}
    local_start = timezone.localtime(start)
    extra["back"] = reverse("appointments:time") + "?" + _query(data, "location", day=f"{local_start:%Y-%m-%d}")
    if request.method == "POST" and contact.is_valid():
        start = _parsed("start", request.POST.get("start", ""), start)
        try:
            booking = booking_create(
                products=data["products"],
                persons=data["persons"],
                location=data["location"],
                starts_at=start,
                resident=resident,
                acted_by=acted_by,
                mandate=mandate,
                auth_context=recorded,
                **contact.cleaned_data,
            )
        except SlotTaken as taken:
            extra |= {"start": start, "alternatives": taken.alternatives}
            return _show(request, form, "details", status=409, **extra)
        except TooManyBookings as refusal:
            return _fair_use_refusal(request, refusal, resident=resident)
        except ValidationError as error:
            for message in error.messages:
                contact.add_error(None, message)
        else:
            messages.success(request, _("Uw afspraak is gemaakt. U krijgt een bevestiging per e-mail."))
            return redirect("appointments:manage", token=manage_token(booking))
    return _show(request, form, "details", **extra, status=400 if contact.errors else 200)


def _fair_use_refusal(request, refusal, *, resident):
    """Why no new appointment: a logged-in resident sees the ones they hold, to move or cancel; without DigiD
    nobody learns from an e-mail address what it holds (the confirmation mails have the links)."""
    context = {"refusal": refusal, "held": refusal.held if resident is not None else []}
    response = render(request, "appointments/fair_use.html", context, status=409)
    patch_cache_control(response, private=True, no_store=True)
    return response


LINK_PROBLEM_STATUS = {"garbled": 404, "expired": 410, "used": 410, "past": 410}


def _from_link(view):
    """A move/cancel page reached with a link from a mail: the booking, or a clear page why the link fails."""

    def wrapper(request, token):
        try:
            booking = booking_for_token(token)
        except LinkProblem as problem:
            response = render(
                request,
                "appointments/link_problem.html",
                {"reason": problem.reason},
                status=LINK_PROBLEM_STATUS[problem.reason],
            )
        else:
            response = view(request, booking, token)
        patch_cache_control(response, private=True, no_store=True)
        return response

    wrapper.__name__ = view.__name__
    return wrapper


@_from_link
def manage(request, booking, token):
    return render(request, "appointments/manage.html", {"booking": booking, "token": token})


@_from_link
def pay(request, booking, token):
    """Pay the appointment's fee in advance (the products allow it); at the desk stays possible."""
    from portal.appointments.payment import PURPOSE
    from portal.payments.views import to_checkout

    back_url = reverse("appointments:manage", kwargs={"token": token})
    if request.method != "POST":
        return redirect(back_url)
    return to_checkout(request, purpose=PURPOSE, purpose_id=str(booking.uuid), back_url=back_url)


@_from_link
def cancel(request, booking, token):
    """Asks once, with what and when, before cancelling; only the confirmation's own button cancels."""
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        return render(request, "appointments/cancel_confirm.html", {"booking": booking, "token": token})
    try:
        booking_cancel(booking=booking)
    except ValidationError:
        return render(request, "appointments/link_problem.html", {"reason": "used"}, status=410)
    return render(request, "appointments/cancelled.html", {"booking": booking})


@_from_link
def move(request, booking, token):
    """Pick a new day and time for a booking; the old time stays held until the new one is."""
    data = {
        "products": list(booking.products.all()),
        "persons": booking.persons,
        "location": booking.location,
        "month": _parsed("month", request.GET.get("month", "")),
        "day": _parsed("day", request.GET.get("day", "")),
    }
    problem, alternatives = "", None
    if request.method == "POST":
        start = _parsed("start", request.POST.get("start", ""))
        try:
            if start is None:
                raise ValidationError(_("Kies een tijd."))
            moved = booking_move(booking=booking, starts_at=start)
        except SlotTaken as taken:
            problem = _("Deze tijd is net door iemand anders geboekt. Kies een andere tijd.")
            alternatives, data["day"] = taken.alternatives, timezone.localtime(start).date()
        except TooManyBookings:
            problem = _("Op die tijd heeft u al een andere afspraak. Kies een andere tijd.")
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(request, _("Uw afspraak is verplaatst. U krijgt de nieuwe tijd per e-mail."))
            return redirect("appointments:manage", token=manage_token(moved))
    here = reverse("appointments:move", kwargs={"token": token}) + "?"
    context = {"booking": booking, "token": token, "problem": problem, "chosen": data}
    context |= _day_context(data) | {"day_url": here, "month_url": here}
    if data["day"]:
        context |= _time_context(data)
        context["back"] = here + f"month={data['day']:%Y-%m}"
    if alternatives is not None:
        context["times"] = alternatives
    return render(
        request,
        "appointments/move.html",
        context,
        status=409 if alternatives is not None else (400 if problem else 200),
    )


@resident_required
def my_booking(request, uuid):
    """From Mijn Loket to the booking's own page (the same one the mail links to)."""
    booking = get_object_or_404(upcoming_bookings_for_resident(resident=acting.subject(request)), uuid=uuid)
    return redirect("appointments:manage", token=manage_token(booking))
