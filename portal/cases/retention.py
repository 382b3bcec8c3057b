"""Cases under records law: a closed case of a type marked "vernietigen" may be destroyed its term after closing;
a case of a type marked "bewaren" never is. Registered with `portal.records` by the cases app."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.cases.models import Case, CaseType, Document
from portal.core.storage import delete_files_on_commit
from portal.records.retention import Candidate, RetentionRule


def _expired(today: date, ids: list[int] | None) -> list[Candidate]:
    candidates = []
    for case_type in CaseType.objects.filter(archive_action=CaseType.ArchiveAction.DESTROY):
        term = relativedelta(years=case_type.retention_years)
        # A generous cut in the database (a day more), the exact term in Python: a case closed on 29 February
        # reaches its term on 28 February.
        cases = case_type.cases.filter(closed_at__isnull=False, closed_at__date__lte=today - term + timedelta(1)).only(
            "pk", "identification", "created_at", "closed_at"
        )
        if ids is not None:
            cases = cases.filter(pk__in=ids)
        for case in cases.order_by("closed_at", "pk"):
            closed_on = timezone.localdate(case.closed_at)
            term_ended_on = closed_on + term
            if term_ended_on <= today:
                candidates.append(
                    Candidate(
                        object_id=case.pk,
                        identification=case.identification,
                        type_name=case_type.name,
                        created_on=timezone.localdate(case.created_at),
                        closed_on=closed_on,
                        term_ended_on=term_ended_on,
                    )
                )
    return candidates


def _destroy(ids: list[int]) -> int:
    """Removes the cases with their statuses, questions, contact moments and documents (files too, once the
    deletion is committed). Messages in residents' inboxes stay theirs; they lose the link to the case."""
    files = [document.file for document in Document.objects.filter(case__in=ids).only("file")]
    deleted = Case.objects.filter(pk__in=ids).delete()[1].get("cases.Case", 0)
    delete_files_on_commit(files)
    return deleted


def _exists(identification: str) -> bool:
    return Case.objects.filter(identification=identification).exists()


RULE = RetentionRule(kind="case", label=_("zaak"), expired=_expired, destroy=_destroy, exists=_exists)
