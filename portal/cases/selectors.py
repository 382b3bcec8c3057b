from django.db.models import Prefetch, QuerySet

from portal.cases.models import Case, StatusChange


def cases_for_resident(*, resident) -> QuerySet[Case]:
    """The resident's own cases, newest first, with what a list shows in a constant number of queries."""
    return Case.objects.filter(resident=resident).select_related("case_type", "current_status__status_type")


def case_for_resident(*, resident, uuid) -> Case:
    """One of the resident's cases with its timeline; Case.DoesNotExist for anyone else's (views answer 404)."""
    return (
        cases_for_resident(resident=resident)
        .prefetch_related(
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("status_type")),
            "case_type__status_types",
        )
        .get(uuid=uuid)
    )
