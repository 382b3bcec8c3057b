"""Deliveries in the Wagtail admin: staff see which requests did not (yet) reach a destination, why, and can try
again at once. Only references and error texts are shown, no answers."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import user_passes_test

from forms_engine.delivery import registration_retry_now
from forms_engine.models import Registration, Submission
from forms_engine.receipt import answer_rows
from portal.cases.selectors import case_types_for_staff, is_case_handler
from portal.cases.services import audit_case_access

SHOWN = 200


def registrations_for_staff(*, user):
    registrations = Registration.objects.select_related("submission__form")
    if user.is_superuser:
        return registrations
    return registrations.filter(submission__form__case_type__in=case_types_for_staff(user=user))


@user_passes_test(is_case_handler)
def registration_list(request):
    state = request.GET.get("stand", "")
    registrations = registrations_for_staff(user=request.user).exclude(state=Registration.State.DONE)
    if state in Registration.State.values:
        registrations = registrations_for_staff(user=request.user).filter(state=state)
    registrations = registrations.order_by("state", "-created_at")[:SHOWN]
    return render(
        request,
        "forms_engine/backoffice/registration_list.html",
        {"registrations": registrations, "state": state, "states": Registration.State.choices},
    )


@require_POST
@user_passes_test(is_case_handler)
def registration_retry(request, uuid):
    registration = registrations_for_staff(user=request.user).filter(uuid=uuid).first()
    if registration is None:
        raise Http404
    if registration.state == Registration.State.DONE:
        messages.info(request, _("Deze aflevering is al gelukt."))
    else:
        registration_retry_now(registration=registration)
        messages.success(
            request, _("Opnieuw geprobeerd: %(reference)s") % {"reference": registration.submission.reference}
        )
    return redirect("forms_backoffice:registrations")


def case_submission_section(*, request, case) -> dict | None:
    """On a staff case page: the answers as on the resident's receipt, in the language staff read (Dutch labels),
    with the attachments. Shown means read: audit-logged."""
    if case.submission_uuid is None:
        return None
    submission = Submission.objects.filter(uuid=case.submission_uuid).select_related("form").first()
    if submission is None:
        return None
    audit_case_access(
        user=request.user, action="view_submission", case=case, obj=submission, context=case.identification
    )
    html = render_to_string(
        "forms_engine/backoffice/case_submission.html",
        {"submission": submission, "steps": answer_rows(submission), "case": case},
        request=request,
    )
    return {"id": "aanvraag", "title": _("Aanvraag"), "html": html}
