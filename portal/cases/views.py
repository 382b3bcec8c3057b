from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from auth.decorators import resident_required
from portal.cases.forms import CaseQuestionForm, FilesForm, InformationAnswerForm
from portal.cases.models import Case, Document
from portal.cases.selectors import case_cards_for_resident, case_for_resident, document_for_resident
from portal.cases.services import case_add_documents, case_question_from_resident, information_request_answer
from portal.opendata import prompts as satisfaction_prompts


@resident_required(business=True)
def case_list(request):
    page = Paginator(case_cards_for_resident(resident=request.user), 25).get_page(request.GET.get("pagina"))
    return render(request, "cases/case_list.html", {"cases": page, "today": timezone.localdate()})


def _own_case(request, uuid) -> Case:
    try:
        return case_for_resident(resident=request.user, uuid=uuid)
    except Case.DoesNotExist:
        raise Http404 from None


def _render_case(request, case, *, answer_forms=None, question_form=None, documents_form=None, status=200):
    reached = {change.status_type_id for change in case.status_changes.all()}
    open_requests = [r for r in case.information_requests.all() if r.answered_at is None]
    answer_forms = answer_forms or {}
    context = {
        "case": case,
        "upcoming": [s for s in case.case_type.status_types.all() if s.pk not in reached and case.is_open],
        "open_requests": [
            (r, answer_forms.get(r.pk) or InformationAnswerForm(prefix=str(r.pk))) for r in open_requests
        ],
        "question_form": question_form or CaseQuestionForm(),
        "documents_form": documents_form or FilesForm(prefix="documenten"),
        "today": timezone.localdate(),
        "satisfaction_form": satisfaction_prompts.for_case(request, case),
    }
    return render(request, "cases/case_detail.html", context, status=status)


@resident_required(business=True)
def case_detail(request, uuid):
    return _render_case(request, _own_case(request, uuid))


@require_POST
@resident_required(business=True)
def answer_information_request(request, uuid, request_uuid):
    case = _own_case(request, uuid)
    info_request = next((r for r in case.information_requests.all() if r.uuid == request_uuid), None)
    if info_request is None or info_request.answered_at is not None:
        raise Http404
    form = InformationAnswerForm(request.POST, request.FILES, prefix=str(info_request.pk))
    if form.is_valid():
        try:
            information_request_answer(
                info_request=info_request, answer=form.cleaned_data["answer"], files=form.cleaned_data["files"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Bedankt, we hebben uw antwoord ontvangen."))
            return redirect(case)
    # The typed answer stays in the form; files have to be chosen again, which the form says.
    return _render_case(request, case, answer_forms={info_request.pk: form}, status=400)


@resident_required(business=True)
def document_download(request, uuid, document_uuid):
    try:
        document = document_for_resident(resident=request.user, case_uuid=uuid, document_uuid=document_uuid)
    except Document.DoesNotExist:
        raise Http404 from None
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.name, content_type=document.content_type
    )


@require_POST
@resident_required(business=True)
def ask_question(request, uuid):
    case = _own_case(request, uuid)
    form = CaseQuestionForm(request.POST)
    if form.is_valid():
        case_question_from_resident(case=case, question=form.cleaned_data["question"])
        messages.success(request, _("Bedankt. We hebben uw vraag ontvangen en antwoorden via uw berichten."))
        return redirect(case)
    return _render_case(request, case, question_form=form, status=400)


@require_POST
@resident_required(business=True)
def add_documents(request, uuid):
    case = _own_case(request, uuid)
    if not (case.is_open and case.case_type.residents_may_add_documents):
        raise Http404  # the page offers no such form for this case
    form = FilesForm(request.POST, request.FILES, prefix="documenten")
    if form.is_valid():
        try:
            case_add_documents(case=case, files=form.cleaned_data["files"])
        except ValidationError as error:
            form.add_error("files", error.message_dict.get("files", error.messages))
        else:
            messages.success(request, _("Bedankt, de documenten zijn toegevoegd aan uw zaak."))
            return redirect(case)
    return _render_case(request, case, documents_form=form, status=400)
