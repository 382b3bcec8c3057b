from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from auth.decorators import resident_required
from forms_engine import assist, payment, selectors, services
from forms_engine.models import Draft, FormDefinition, Submission
from forms_engine.wizard import SESSION_LAST_SUBMISSION, form_view
from portal.opendata import prompts as satisfaction_prompts


def form_url(definition) -> str:
    return reverse("forms_engine:form", kwargs={"slug": definition.slug})


def fill_in(request, slug):
    try:
        definition = selectors.published_form(slug=slug)
    except FormDefinition.DoesNotExist as error:
        raise Http404 from error
    return form_view(request, definition=definition, base_url=form_url(definition))


def _receipt_response(submission) -> FileResponse:
    from forms_engine.receipt import receipt_upload

    receipt = receipt_upload(submission)
    response = FileResponse(receipt.content, content_type="application/pdf", as_attachment=True, filename=receipt.name)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _session_submission(request) -> Submission:
    uuid = request.session.get(SESSION_LAST_SUBMISSION)
    if not uuid:
        raise Http404
    try:
        return selectors.submission_for_session(uuid=uuid)
    except (Submission.DoesNotExist, ValueError) as error:
        raise Http404 from error


def session_receipt(request, slug):
    submission = _session_submission(request)
    if submission.form.slug != slug:
        raise Http404
    return _receipt_response(submission)


@resident_required(business=True)
def resident_receipt(request, uuid):
    try:
        submission = selectors.submissions_for_resident(resident=request.user).get(uuid=uuid)
    except Submission.DoesNotExist as error:
        raise Http404 from error
    return _receipt_response(submission)


def confirmation(request, slug=None, definition=None):
    """Shown once to whoever just sent the form (the session knows which submission), never by guessable URL."""
    submission = _session_submission(request)
    if (definition and submission.form_id != definition.pk) or (slug and submission.form.slug != slug):
        raise Http404
    owes = submission.payment_status == Submission.PaymentStatus.OPEN
    paid = submission.payment_status == Submission.PaymentStatus.PAID or (owes and payment.paid_already(submission))
    pay_url = reverse("forms_engine:pay", kwargs={"token": payment.pay_link_token(submission)}) if owes else ""
    context = {
        "submission": submission,
        "paid": paid,
        "pay_url": "" if paid else pay_url,
        "amount_cents": payment.submission_amount_cents(submission) if owes and not paid else 0,
        "satisfaction_form": satisfaction_prompts.for_submission(request, submission),
    }
    response = render(request, "forms_engine/confirmation.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _own_draft(request, uuid) -> Draft:
    """The logged-in resident's draft; anyone else's, or an expired one, is a 404."""
    try:
        return selectors.draft_for_resident(resident=request.user, uuid=uuid)
    except Draft.DoesNotExist as error:
        raise Http404 from error


@resident_required(business=True)
def resume(request, uuid):
    """Go on with a draft, on this device: its answers go back into the wizard, on the version it was started on."""
    draft = _own_draft(request, uuid)
    request.session[f"wizard_loket_form_{draft.form_id}"] = draft.state
    return HttpResponseRedirect(form_url(draft.form))


@require_POST
@resident_required(business=True)
def discard(request, uuid):
    draft = _own_draft(request, uuid)
    request.session.pop(f"wizard_loket_form_{draft.form_id}", None)
    services.draft_delete(draft=draft)
    messages.success(request, _("Het concept is verwijderd."))
    return HttpResponseRedirect(reverse("dashboard:overview"))


@resident_required
def handover(request, uuid):
    """Hand an unfinished draft to the counter or the phone: a code the resident reads out, with which staff open
    the draft where the resident left off and finish it for them (forms_engine/assist.py)."""
    draft = _own_draft(request, uuid)
    if request.method == "POST":
        assist.handover_code(draft)
        return HttpResponseRedirect(reverse("forms_engine:handover", kwargs={"uuid": draft.uuid}))
    return render(request, "forms_engine/handover.html", {"draft": draft})


class ResumeLinkForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Uw e-mailadres"),
        max_length=254,
        help_text=gettext_lazy("We sturen u een link waarmee u binnen 7 dagen verder kunt, op elk apparaat."),
        error_messages={
            "required": gettext_lazy("Vul uw e-mailadres in."),
            "invalid": gettext_lazy("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def later(request, slug):
    """Without DigiD there is no Mijn Loket to keep a draft in: the answers so far are kept behind a link by mail."""
    definition = get_object_or_404(selectors.published_forms(), slug=slug)
    state = request.session.get(f"wizard_loket_form_{definition.pk}")
    if not state or not state.get("extra_data", {}).get("revision"):
        return HttpResponseRedirect(form_url(definition))
    form = ResumeLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.resume_link_send(form=definition, state=state, email=form.cleaned_data["email"])
        request.session.pop(f"wizard_loket_form_{definition.pk}", None)
        response = render(request, "forms_engine/later_sent.html", {"definition": definition})
    else:
        status = 400 if request.method == "POST" else 200
        response = render(request, "forms_engine/later.html", {"definition": definition, "form": form}, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


def resume_link(request, token):
    try:
        link = services.resume_link_use(token=token)
    except services.ResumeLinkInvalid as error:
        return render(request, "forms_engine/resume_invalid.html", {"reason": error.reason}, status=410)
    request.session[f"wizard_loket_form_{link.form_id}"] = link.state
    return HttpResponseRedirect(form_url(link.form))


def pay(request, token):
    """Paying for a sent form: where the confirmation page's button, the link in the confirmation mail and the way
    back from the bank lead. Whoever holds the signed link may pay and see whether it is paid; the answers are not
    shown here (the receipt stays with the session that sent the form, or with Mijn Loket)."""
    from portal.payments.selectors import latest_payment_for
    from portal.payments.views import to_checkout

    submission = payment.submission_from_pay_link(token)
    if submission is None:
        return render(request, "forms_engine/pay_invalid.html", status=404)
    if request.method == "POST":
        return to_checkout(request, purpose=payment.PURPOSE, purpose_id=str(submission.uuid), back_url=request.path)
    context = {
        "submission": submission,
        "amount_cents": payment.submission_amount_cents(submission),
        "latest": latest_payment_for(purpose=payment.PURPOSE, purpose_id=str(submission.uuid)),
        "own_session": request.session.get(SESSION_LAST_SUBMISSION) == str(submission.uuid),
    }
    response = render(request, "forms_engine/pay.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response
