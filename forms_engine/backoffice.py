"""Deliveries in the Wagtail admin: staff see which requests did not (yet) reach a destination, why, and can try
again at once. Only references and error texts are shown, no answers."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import user_passes_test

from auth.services import validate_bsn
from forms_engine import assist
from forms_engine.delivery import registration_retry_now
from forms_engine.models import FormDefinition, Registration, Submission
from forms_engine.receipt import answer_rows
from portal.cases.selectors import case_types_for_staff, is_case_handler
from portal.cases.services import audit_case_access
from portal.registries.base import RegistryUnavailable

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


class AssistForm(forms.Form):
    bsn = forms.CharField(
        label=gettext_lazy("Burgerservicenummer van de inwoner"),
        help_text=gettext_lazy("Gecontroleerd met het identiteitsbewijs (balie) of de controlevragen (telefoon)."),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    task = forms.ChoiceField(
        label=gettext_lazy("Wat regelt u voor de inwoner?"),
        choices=[("form", gettext_lazy("Een formulier invullen")), ("appointment", gettext_lazy("Een afspraak maken"))],
        initial="form",
        required=False,
        widget=forms.RadioSelect,
    )
    form = forms.ModelChoiceField(
        label=gettext_lazy("Formulier"),
        queryset=FormDefinition.objects.none(),
        required=False,
        empty_label=gettext_lazy("(kies)"),
    )
    code = forms.CharField(
        label=gettext_lazy("Of: de code van een concept dat de inwoner aan u overdraagt"),
        help_text=gettext_lazy("6 tekens, bijvoorbeeld K7M 2QX. Het formulier opent waar de inwoner was."),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    channel = forms.ChoiceField(label=gettext_lazy("Kanaal"), choices=assist.CHANNELS, widget=forms.RadioSelect)
    purpose = forms.CharField(
        label=gettext_lazy("Reden"),
        help_text=gettext_lazy("Waarom u de gegevens van de inwoner opzoekt; de inwoner leest dit terug."),
        max_length=200,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = FormDefinition.objects.filter(live=True, standalone=True).exclude(
            logins=FormDefinition.Logins.EHERKENNING
        )
        self.draft = None

    def clean_bsn(self):
        value = self.cleaned_data["bsn"].strip()
        return validate_bsn(value) if value else ""

    def clean_purpose(self):
        return " ".join(self.cleaned_data["purpose"].split())

    def clean(self):
        cleaned = super().clean()
        code, bsn = cleaned.get("code", "").strip(), cleaned.get("bsn")
        if code:
            if bsn or cleaned.get("form"):
                raise forms.ValidationError(_("Vul óf een code in, óf een burgerservicenummer met een formulier."))
            try:
                self.draft = assist.draft_by_code(code)
            except assist.UnknownCode:
                self.add_error("code", _("Er wacht geen concept met deze code. Is hij goed overgenomen?"))
                return cleaned
            cleaned["bsn"], cleaned["form"] = self.draft.resident.bsn, self.draft.form
        elif "bsn" not in self.errors:
            if not bsn:
                self.add_error("bsn", _("Vul het burgerservicenummer in, of de code van een concept."))
            if not cleaned.get("form") and not self.for_appointment:
                self.add_error("form", _("Kies het formulier."))
        return cleaned

    @property
    def for_appointment(self) -> bool:
        return self.cleaned_data.get("task") == "appointment" and not self.cleaned_data.get("code", "").strip()


@user_passes_test(assist.may_assist)
def assist_start(request):
    """Fill in a form for a resident at the counter or on the phone: find them by BSN (or by the code of a draft
    they hand over), then the form opens in the resident's name, with the employee recorded as who filled it in."""
    form = AssistForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                assist.start(request, bsn=data["bsn"], channel=data["channel"], purpose=data["purpose"])
                if form.draft is not None:
                    assist.take_over(request, form.draft)
            except assist.UnknownCode:  # another employee took the draft a moment ago
                assist.stop(request)
                form.add_error("code", _("Er wacht geen concept met deze code. Is hij goed overgenomen?"))
            except assist.UnknownResident:
                form.add_error("bsn", _("De BRP kent geen persoon met dit burgerservicenummer."))
            except RegistryUnavailable:
                form.add_error(None, _("De BRP is nu niet bereikbaar. Probeer het over een paar minuten opnieuw."))
                status = 503
            else:
                if form.for_appointment:  # the booking pages, in the resident's name (portal/appointments/views.py)
                    return redirect("appointments:start")
                url = reverse("forms_engine:form", kwargs={"slug": data["form"].slug})
                return redirect(url if form.draft is not None else url + "?opnieuw=1")
    current = assist.current(request)
    return render(request, "forms_engine/backoffice/assist.html", {"form": form, "current": current}, status=status)


@require_POST
def assist_stop(request):
    assist.stop(request)
    messages.info(request, _("U vult niet meer in namens een inwoner."))
    return redirect("forms_assist:start")
