from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.cases.models import (
    Case,
    CaseNumber,
    CaseType,
    ContactMoment,
    Document,
    InformationRequest,
    StatusChange,
    StatusType,
)
from portal.cases.tasks import notify_status_change
from portal.cases.workdays import add_working_days, working_days_between
from portal.core.models import audit
from portal.core.translations import Text
from portal.core.uploads import CheckedUpload
from portal.inbox.language import in_language_of
from portal.inbox.services import message_send


def _next_identification(year: int) -> str:
    """ZAAK-2026-000123: the year's counter row is locked while it is raised, so two requests never share one.
    A rolled-back transaction leaves a gap, which is allowed."""
    CaseNumber.objects.get_or_create(year=year)
    number = CaseNumber.objects.select_for_update().get(year=year)
    number.last += 1
    number.save(update_fields=["last"])
    return f"ZAAK-{year}-{number.last:06d}"


def case_create(
    *,
    case_type: CaseType,
    resident,
    channel: str = Case.Channel.ONLINE,
    submission_uuid=None,
    submission_reference: str = "",
    documents: list[CheckedUpload] = (),
) -> Case:
    """Register a case for a resident, in its first status, with the expected date from the service norm.

    From a form submission: at most one case per submission, whoever asks how often (a retried registration gets
    the case the first one made), with the submission's documents."""
    if submission_uuid is not None:
        existing = Case.objects.filter(submission_uuid=submission_uuid).first()
        if existing is not None:
            return existing
    first_status = case_type.status_types.order_by("order").first()
    if first_status is None:
        raise ValidationError({"case_type": _("Dit zaaktype heeft nog geen statussen.")})
    today = timezone.localdate()
    try:
        return _case_insert(
            case_type, first_status, resident, channel, submission_uuid, submission_reference, documents, today
        )
    except IntegrityError:
        if submission_uuid is None:
            raise
        return Case.objects.get(submission_uuid=submission_uuid)  # a parallel registration was first


def _case_insert(
    case_type, first_status, resident, channel, submission_uuid, submission_reference, documents, today
) -> Case:
    with transaction.atomic():
        case = Case(
            identification=_next_identification(today.year),
            case_type=case_type,
            resident=resident,
            channel=channel,
            expected_on=add_working_days(today, case_type.service_norm_days),
            submission_uuid=submission_uuid,
            submission_reference=submission_reference,
        )
        case.full_clean()
        case.save()
        case_set_status(case=case, status_type=first_status, by=None)
        ContactMoment.objects.create(
            case=case, kind=ContactMoment.Kind.REGISTERED, channel=channel, text=submission_reference
        )
        for upload in documents:
            _store_document(case=case, upload=upload, from_resident=True)
    return case


def _store_document(*, case: Case, upload: CheckedUpload, from_resident: bool, information_request=None) -> Document:
    return Document.objects.create(
        case=case,
        file=upload.content,
        name=upload.name,
        content_type=upload.content_type,
        size=upload.size,
        from_resident=from_resident,
        information_request=information_request,
    )


def case_set_status(
    *, case: Case, status_type: StatusType, by, public_text: str = "", internal_note: str = "", result: str = ""
) -> StatusChange:
    """Move a case to a status of its own case type; a final status closes it, with its result."""
    if status_type.case_type_id != case.case_type_id:
        raise ValidationError({"status_type": _("Deze status hoort niet bij dit zaaktype.")})
    if not case.is_open:
        raise ValidationError({"status_type": _("Deze zaak is al afgesloten.")})
    with transaction.atomic():
        change = StatusChange(
            case=case, status_type=status_type, public_text=public_text, internal_note=internal_note, set_by=by
        )
        change.full_clean()
        change.save()
        case.current_status = change
        fields = ["current_status"]
        if status_type.is_final:
            case.closed_at = timezone.now()
            case.result = result
            fields += ["closed_at", "result"]
        case.save(update_fields=fields)
        if by is not None:
            # Staff moved the case on: the resident hears of it. Automatic first statuses are not announced.
            ContactMoment.objects.create(case=case, kind=ContactMoment.Kind.STATUS, text=status_type.name, by=by)
            transaction.on_commit(lambda: notify_status_change.enqueue(change_id=change.pk))
    return change


def information_request_create(*, case: Case, question: str, deadline, by) -> InformationRequest:
    """Ask the resident for something; they hear of it through their inbox."""
    with transaction.atomic():
        info_request = InformationRequest(case=case, question=question, deadline=deadline, requested_by=by)
        info_request.full_clean()
        info_request.save()
        ContactMoment.objects.create(case=case, kind=ContactMoment.Kind.QUESTION_TO_RESIDENT, text=question, by=by)
        with in_language_of(case.resident):
            message_send(
                resident=case.resident,
                subject=_("Wij hebben een vraag over uw aanvraag"),
                body=_("Beantwoord de vraag vóór %(deadline)s op de pagina van uw zaak.")
                % {"deadline": date_format(deadline, "j F Y")},
                case=case,
            )
    return info_request


def information_request_answer(*, info_request: InformationRequest, answer: str, files: list[CheckedUpload]) -> None:
    """The resident's answer and files, stored together; a second answer to the same question is refused."""
    with transaction.atomic():
        locked = InformationRequest.objects.select_for_update().get(pk=info_request.pk)
        if locked.answered_at is not None:
            raise ValidationError({"answer": _("Deze vraag is al beantwoord.")})
        if not answer.strip() and not files:
            raise ValidationError({"answer": _("Schrijf een antwoord of voeg een bestand toe.")})
        locked.answer = answer.strip()
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answer", "answered_at"])
        # The service norm is suspended while the case waited for the resident (Awb 4:15): the expected date moves
        # by the working days the question was open.
        waited = working_days_between(timezone.localdate(locked.created_at), timezone.localdate(locked.answered_at))
        if waited:
            case = locked.case
            case.expected_on = add_working_days(case.expected_on, waited)
            case.suspended_days += waited
            case.save(update_fields=["expected_on", "suspended_days"])
        ContactMoment.objects.create(case=locked.case, kind=ContactMoment.Kind.ANSWER, text=locked.answer)
        for upload in files:
            _store_document(case=locked.case, upload=upload, from_resident=True, information_request=locked)


def case_message_to_resident(*, case: Case, subject: str, body: str, by) -> None:
    """A case handler's own message, in their words: Dutch, and marked so on a page in another language."""
    own = settings.LANGUAGE_CODE
    with transaction.atomic():
        message_send(resident=case.resident, subject=Text(subject, own), body=Text(body, own), case=case)
        ContactMoment.objects.create(case=case, kind=ContactMoment.Kind.MESSAGE, text=subject, by=by)


def case_question_from_resident(*, case: Case, question: str) -> ContactMoment:
    """A resident's question about their case: it lands on the case, where the team handles it."""
    question = question.strip()
    if not question:
        raise ValidationError({"question": _("Schrijf uw vraag.")})
    return ContactMoment.objects.create(case=case, kind=ContactMoment.Kind.QUESTION_FROM_RESIDENT, text=question)


def case_add_documents(*, case: Case, files: list[CheckedUpload], by=None) -> list[Document]:
    """Documents added to a case: by the resident (by=None, if the case type allows it) or by staff."""
    from_resident = by is None
    if from_resident and not case.case_type.residents_may_add_documents:
        raise ValidationError({"files": _("Bij deze zaak kunt u zelf geen documenten toevoegen.")})
    if not case.is_open:
        raise ValidationError({"files": _("Deze zaak is al afgesloten.")})
    if not files:
        raise ValidationError({"files": _("Kies een of meer bestanden.")})
    with transaction.atomic():
        documents = [_store_document(case=case, upload=upload, from_resident=from_resident) for upload in files]
        ContactMoment.objects.create(
            case=case, kind=ContactMoment.Kind.DOCUMENT, text=", ".join(d.name for d in documents), by=by
        )
    return documents


def case_add_internal_note(*, case: Case, text: str, by) -> ContactMoment:
    """A note for colleagues on the case; residents never see it."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Schrijf een notitie.")})
    return ContactMoment.objects.create(case=case, kind=ContactMoment.Kind.INTERNAL_NOTE, text=text, by=by)


def audit_case_access(*, user, action: str, case: Case, obj=None, context: str = "") -> None:
    """Records that a staff member looked at (part of) a case, as done for the case's team: what the resident
    reads back under "Wie heeft mijn gegevens bekeken"."""
    audit(
        user=user,
        action=action,
        obj=case if obj is None else obj,
        context=context,
        subject=case.resident,
        team=case.case_type.team.name,
    )
