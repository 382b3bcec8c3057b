"""The back office in the Wagtail admin: staff find, follow and move on the cases of their own teams.
Every look at a case is written to the access log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from auth.services import resident_get_or_create
from portal.cases.backoffice.forms import (
    CaseFilterForm,
    InformationRequestForm,
    InternalNoteForm,
    MessageForm,
    RegisterCaseForm,
    StatusForm,
)
from portal.cases.forms import FilesForm
from portal.cases.models import Case
from portal.cases.selectors import case_types_for_staff, cases_for_staff
from portal.cases.services import (
    case_add_documents,
    case_add_internal_note,
    case_create,
    case_message_to_resident,
    case_set_status,
    information_request_create,
)
from portal.core.models import audit


def case_list(request):
    case_types = case_types_for_staff(user=request.user)
    form = CaseFilterForm(request.GET or None, case_types=case_types)
    cases = cases_for_staff(user=request.user)
    today = timezone.localdate()
    state = ""
    if form.is_valid():
        data = form.cleaned_data
        state = data["state"]
        if data["q"]:
            cases = cases.filter(identification__icontains=data["q"].strip())
        if data["case_type"]:
            cases = cases.filter(case_type=data["case_type"])
    cases = {
        "overdue": cases.filter(closed_at__isnull=True, expected_on__lt=today),
        "waiting": cases.filter(closed_at__isnull=True, waiting_for_resident=True),
        "question_overdue": cases.filter(closed_at__isnull=True, question_overdue=True),
        "closed": cases.filter(closed_at__isnull=False),
    }.get(state, cases.filter(closed_at__isnull=True) if state == "" else cases)
    page = Paginator(cases.order_by("expected_on", "pk"), 50).get_page(request.GET.get("p"))
    return render(request, "cases/backoffice/case_list.html", {"form": form, "cases": page, "today": today})


def _staff_case(request, uuid) -> Case:
    try:
        return (
            cases_for_staff(user=request.user)
            .select_related("resident")
            .prefetch_related(
                "status_changes__status_type", "status_changes__set_by", "information_requests", "documents"
            )
            .get(uuid=uuid)
        )
    except Case.DoesNotExist:
        raise Http404 from None


def case_detail(request, uuid):
    case = _staff_case(request, uuid)
    forms = {
        "status_form": StatusForm(case=case),
        "request_form": InformationRequestForm(),
        "message_form": MessageForm(),
        "documents_form": FilesForm(),
        "note_form": InternalNoteForm(),
    }
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "status":
        forms["status_form"] = form = StatusForm(request.POST, case=case)
        if form.is_valid():
            try:
                case_set_status(
                    case=case,
                    status_type=form.cleaned_data["status_type"],
                    by=request.user,
                    public_text=form.cleaned_data["public_text"],
                    internal_note=form.cleaned_data["internal_note"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if form.cleaned_data["status_type"].is_final and form.cleaned_data["result"]:
                    Case.objects.filter(pk=case.pk).update(result=form.cleaned_data["result"])
                messages.success(request, _("De status is gewijzigd; de inwoner krijgt bericht."))
                return redirect("cases_backoffice:detail", uuid=case.uuid)
    elif action == "request":
        forms["request_form"] = form = InformationRequestForm(request.POST)
        if form.is_valid():
            information_request_create(case=case, by=request.user, **form.cleaned_data)
            messages.success(request, _("De vraag staat klaar voor de inwoner."))
            return redirect("cases_backoffice:detail", uuid=case.uuid)
    elif action == "message":
        forms["message_form"] = form = MessageForm(request.POST)
        if form.is_valid():
            case_message_to_resident(case=case, by=request.user, **form.cleaned_data)
            messages.success(request, _("Het bericht is verstuurd."))
            return redirect("cases_backoffice:detail", uuid=case.uuid)
    elif action == "note":
        forms["note_form"] = form = InternalNoteForm(request.POST)
        if form.is_valid():
            case_add_internal_note(case=case, text=form.cleaned_data["text"], by=request.user)
            messages.success(request, _("De notitie is opgeslagen."))
            return redirect("cases_backoffice:detail", uuid=case.uuid)
    elif action == "documents":
        forms["documents_form"] = form = FilesForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                case_add_documents(case=case, files=form.cleaned_data["files"], by=request.user)
            except ValidationError as error:
                form.add_error("files", error.message_dict.get("files", error.messages))
            else:
                messages.success(request, _("De documenten staan bij de zaak; de inwoner ziet ze ook."))
                return redirect("cases_backoffice:detail", uuid=case.uuid)
    else:
        audit(user=request.user, action="view_case", obj=case, context=request.GET.get("aanleiding", "behandeling"))
    status = 400 if action else 200
    context = {"case": case, "today": timezone.localdate(), **forms}
    return render(request, "cases/backoffice/case_detail.html", context, status=status)


def register_case(request):
    case_types = case_types_for_staff(user=request.user)
    form = RegisterCaseForm(request.POST or None, case_types=case_types)
    if request.method == "POST" and form.is_valid():
        resident = resident_get_or_create(bsn=form.cleaned_data["bsn"])
        case = case_create(
            case_type=form.cleaned_data["case_type"], resident=resident, channel=form.cleaned_data["channel"]
        )
        audit(user=request.user, action="register_case", obj=case, context=form.cleaned_data["channel"])
        messages.success(request, _("Zaak %(number)s is geregistreerd.") % {"number": case.identification})
        return redirect("cases_backoffice:detail", uuid=case.uuid)
    return render(request, "cases/backoffice/register.html", {"form": form}, status=400 if form.errors else 200)


def resident_record(request, user_uuid):
    """The klantbeeld: a resident's cases (of the staff member's teams) and their contact moments. Logged."""
    from django.contrib.auth import get_user_model

    from portal.registries.base import RegistryUnavailable
    from portal.registries.brp import BrpClient

    resident = get_user_model().objects.filter(uuid=user_uuid, bsn_digest__isnull=False).first()
    cases = (
        list(cases_for_staff(user=request.user).filter(resident=resident).prefetch_related("contact_moments__by"))
        if resident
        else []
    )
    if not cases:
        raise Http404  # no resident, or none of this team's business
    audit(user=request.user, action="view_resident", obj=resident, context=request.GET.get("aanleiding", "klantbeeld"))
    try:
        person = BrpClient().person(resident.bsn)
    except RegistryUnavailable:
        person = None
    return render(
        request,
        "cases/backoffice/resident.html",
        {"resident": resident, "person": person, "cases": cases, "masked_bsn": "*" * 6 + resident.bsn[-3:]},
    )
