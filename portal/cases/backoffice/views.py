"""The back office in the Wagtail admin: staff find, follow and move on the cases of their own teams.
Every look at a case is written to the access log."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import user_passes_test

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
from portal.cases.models import CASE_SECTIONS_HOOK, Case
from portal.cases.selectors import case_types_for_staff, cases_for_staff, is_case_handler
from portal.cases.services import (
    audit_case_access,
    case_add_documents,
    case_add_internal_note,
    case_create,
    case_message_to_resident,
    case_set_status,
    information_request_create,
)
from portal.core.models import audit
from portal.registries.base import RegistryUnavailable
from portal.registries.brp import BrpClient
from portal.registries.kvk import KvkClient


def _state_filter(state: str, today) -> Q:
    """Conditions on the (annotated) staff case list per state filter; no state means all open cases."""
    return {
        "overdue": Q(closed_at__isnull=True, expected_on__lt=today),
        "waiting": Q(closed_at__isnull=True, waiting_for_resident=True),
        "question_overdue": Q(closed_at__isnull=True, question_overdue=True),
        "closed": Q(closed_at__isnull=False),
    }.get(state, Q(closed_at__isnull=True))


@user_passes_test(is_case_handler)
def case_list(request):
    form = CaseFilterForm(request.GET or None, case_types=case_types_for_staff(user=request.user))
    cases = cases_for_staff(user=request.user)
    state = ""
    if form.is_valid():
        data = form.cleaned_data
        state = data["state"]
        if data["q"]:
            cases = cases.filter(identification__icontains=data["q"].strip())
        if data["case_type"]:
            cases = cases.filter(case_type=data["case_type"])
    today = timezone.localdate()
    cases = cases.filter(_state_filter(state, today)).order_by("expected_on", "pk")
    page = Paginator(cases, 50).get_page(request.GET.get("p"))
    return render(request, "cases/backoffice/case_list.html", {"form": form, "cases": page, "today": today})


def _staff_case(request, uuid) -> Case:
    try:
        return (
            cases_for_staff(user=request.user)
            .select_related("resident")
            .prefetch_related(
                "status_changes__status_type",
                "status_changes__set_by",
                "information_requests",
                "documents",
                "contact_moments__by",
            )
            .get(uuid=uuid)
        )
    except Case.DoesNotExist:
        raise Http404 from None


def _plain(form_class):
    return lambda case, *args: form_class(*args)


# action → (how to make its form for a case, what it does with the cleaned data, what staff are told)
ACTIONS = {
    "status": (
        lambda case, *args: StatusForm(*args, case=case),
        lambda case, user, data: case_set_status(case=case, by=user, **data),
        _("De status is gewijzigd; de inwoner krijgt bericht."),
    ),
    "request": (
        _plain(InformationRequestForm),
        lambda case, user, data: information_request_create(case=case, by=user, **data),
        _("De vraag staat klaar voor de inwoner."),
    ),
    "message": (
        _plain(MessageForm),
        lambda case, user, data: case_message_to_resident(case=case, by=user, **data),
        _("Het bericht is verstuurd."),
    ),
    "note": (
        _plain(InternalNoteForm),
        lambda case, user, data: case_add_internal_note(case=case, by=user, **data),
        _("De notitie is opgeslagen."),
    ),
    "documents": (
        _plain(FilesForm),
        lambda case, user, data: case_add_documents(case=case, by=user, **data),
        _("De documenten staan bij de zaak; de inwoner ziet ze ook."),
    ),
}


@user_passes_test(is_case_handler)
def case_detail(request, uuid):
    case = _staff_case(request, uuid)
    forms = {name: make_form(case) for name, (make_form, _do, _done) in ACTIONS.items()}
    action = request.POST.get("action") if request.method == "POST" else None
    if action in ACTIONS:
        make_form, do, done = ACTIONS[action]
        forms[action] = form = make_form(case, request.POST, request.FILES)
        if form.is_valid():
            try:
                do(case, request.user, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, done)
                return redirect("cases_backoffice:detail", uuid=case.uuid)
    else:
        audit_case_access(
            user=request.user, action="view_case", case=case, context=request.GET.get("aanleiding", "behandeling")
        )
    context = {
        "case": case,
        **_party(case.resident),
        "sections": _case_sections(request, case),
        "today": timezone.localdate(),
        **{f"{name}_form": form for name, form in forms.items()},
    }
    return render(request, "cases/backoffice/case_detail.html", context, status=400 if action else 200)


def _case_sections(request, case) -> list[dict]:
    """What other apps show on a case page (e.g. the submitted form): {"id", "title", "html"} each."""
    return [
        section for provider in hooks.get_hooks(CASE_SECTIONS_HOOK) if (section := provider(request=request, case=case))
    ]


def _party(resident) -> dict:
    """Whom a case is for, as the registries know them: {"person": BRP person} for a resident, {"company": KvK
    company} for a business (None when the registry cannot say right now)."""
    key, lookup = (
        ("company", lambda: KvkClient().company(resident.kvk_number))
        if resident.is_business
        else ("person", lambda: BrpClient().person(resident.bsn))
    )
    try:
        return {key: lookup()}
    except RegistryUnavailable:
        return {key: None}


@user_passes_test(is_case_handler)
def case_document(request, uuid, document_uuid):
    case = _staff_case(request, uuid)
    document = next((item for item in case.documents.all() if item.uuid == document_uuid), None)
    if document is None:
        raise Http404
    audit_case_access(
        user=request.user, action="download_document", case=case, obj=document, context=case.identification
    )
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.name, content_type=document.content_type
    )


@user_passes_test(is_case_handler)
def register_case(request):
    case_types = case_types_for_staff(user=request.user)
    form = RegisterCaseForm(request.POST or None, case_types=case_types)
    if request.method == "POST" and form.is_valid():
        resident = resident_get_or_create(bsn=form.cleaned_data["bsn"])
        case = case_create(
            case_type=form.cleaned_data["case_type"], resident=resident, channel=form.cleaned_data["channel"]
        )
        audit_case_access(user=request.user, action="register_case", case=case, context=form.cleaned_data["channel"])
        messages.success(request, _("Zaak %(number)s is geregistreerd.") % {"number": case.identification})
        return redirect("cases_backoffice:detail", uuid=case.uuid)
    return render(request, "cases/backoffice/register.html", {"form": form}, status=400 if form.errors else 200)


@user_passes_test(is_case_handler)
def resident_record(request, user_uuid):
    """The klantbeeld: a resident's or business's cases (of the staff member's teams) and their contact moments.
    Logged."""
    parties = get_user_model().objects.filter(Q(bsn_digest__isnull=False) | Q(kvk_number__isnull=False))
    resident = parties.filter(uuid=user_uuid).first()
    cases = (
        list(cases_for_staff(user=request.user).filter(resident=resident).prefetch_related("contact_moments__by"))
        if resident
        else []
    )
    if not cases:
        raise Http404  # no resident, or none of this team's business
    audit(
        user=request.user,
        action="view_resident",
        obj=resident,
        context=request.GET.get("aanleiding", "klantbeeld"),
        subject=resident,
        team=", ".join(sorted({case.case_type.team.name for case in cases})),
    )
    masked_bsn = "" if resident.is_business else "*" * 6 + resident.bsn[-3:]
    context = {"resident": resident, "cases": cases, "masked_bsn": masked_bsn, **_party(resident)}
    return render(request, "cases/backoffice/resident.html", context)
