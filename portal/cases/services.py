from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.cases.models import Case, CaseNumber, CaseType, StatusChange, StatusType
from portal.cases.tasks import notify_status_change
from portal.cases.workdays import add_working_days


def _next_identification(year: int) -> str:
    """ZAAK-2026-000123: the year's counter row is locked while it is raised, so two requests never share one.
    A rolled-back transaction leaves a gap, which is allowed."""
    CaseNumber.objects.get_or_create(year=year)
    number = CaseNumber.objects.select_for_update().get(year=year)
    number.last += 1
    number.save(update_fields=["last"])
    return f"ZAAK-{year}-{number.last:06d}"


def case_create(*, case_type: CaseType, resident, channel: str = Case.Channel.ONLINE) -> Case:
    """Register a case for a resident, in its first status, with the expected date from the service norm."""
    first_status = case_type.status_types.order_by("order").first()
    if first_status is None:
        raise ValidationError({"case_type": _("Dit zaaktype heeft nog geen statussen.")})
    today = timezone.localdate()
    with transaction.atomic():
        case = Case(
            identification=_next_identification(today.year),
            case_type=case_type,
            resident=resident,
            channel=channel,
            expected_on=add_working_days(today, case_type.service_norm_days),
        )
        case.full_clean()
        case.save()
        case_set_status(case=case, status_type=first_status, by=None)
    return case


def case_set_status(
    *, case: Case, status_type: StatusType, by, public_text: str = "", internal_note: str = ""
) -> StatusChange:
    """Move a case to a status of its own case type; a final status closes it."""
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
            fields.append("closed_at")
        case.save(update_fields=fields)
        if by is not None:
            # Staff moved the case on: the resident hears of it. Automatic first statuses are not announced.
            transaction.on_commit(lambda: notify_status_change.enqueue(change_id=change.pk))
    return change
