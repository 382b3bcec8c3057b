from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from portal.cases.models import Case, CaseType, ContactMoment, Document, InformationRequest, StatusChange
from portal.core.translations import texts_of


def open_requests():
    return InformationRequest.objects.filter(answered_at__isnull=True)


def cases_for_resident(*, resident) -> QuerySet[Case]:
    """The resident's own cases, newest first, with what a list shows in a constant number of queries."""
    return (
        Case.objects.filter(resident=resident)
        .select_related("case_type", "current_status__status_type")
        .annotate(waiting_for_resident=Exists(open_requests().filter(case=OuterRef("pk"))))
    )


# What a case card shows (templates/cases/includes/case_cards.html): lists load these columns only.
CASE_CARD_FIELDS = (
    "uuid",
    "identification",
    "expected_on",
    "closed_at",
    "case_type__name",
    "current_status__status_type__name",
)


def case_cards_for_resident(*, resident) -> QuerySet[Case]:
    """The resident's cases for a list of cards: the card's columns, not the whole rows."""
    return (
        cases_for_resident(resident=resident)
        .only(*CASE_CARD_FIELDS)
        .prefetch_related(*texts_of("case_type", "current_status__status_type"))
    )


def case_for_resident(*, resident, uuid) -> Case:
    """One of the resident's cases with its timeline, questions and documents; Case.DoesNotExist for anyone
    else's (views answer 404)."""
    return (
        cases_for_resident(resident=resident)
        .prefetch_related(
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("status_type")),
            "case_type__status_types",
            # what the resident reads of the case type and its statuses, in the interface's language
            *texts_of("case_type", "case_type__status_types", "status_changes__status_type"),
            "information_requests",
            "documents",
            Prefetch("contact_moments", queryset=ContactMoment.objects.exclude(kind=ContactMoment.Kind.INTERNAL_NOTE)),
        )
        .get(uuid=uuid)
    )


def open_information_requests_for_resident(*, resident) -> QuerySet[InformationRequest]:
    return open_requests().filter(case__resident=resident).select_related("case__case_type")


def document_for_resident(*, resident, case_uuid, document_uuid) -> Document:
    return Document.objects.select_related("case").get(
        uuid=document_uuid, case__uuid=case_uuid, case__resident=resident
    )


def case_types_for_staff(*, user):
    types = CaseType.objects.select_related("team")
    return types if user.is_superuser else types.filter(team__members=user)


def is_case_handler(user) -> bool:
    """A member of a team with case types (or an administrator): who may open the back office's case screens."""
    return user.is_superuser or case_types_for_staff(user=user).exists()


def cases_for_staff(*, user) -> QuerySet[Case]:
    """Cases of the case types of the staff member's teams (all for superusers), with list columns joined.
    `question_overdue`: the resident let the deadline of a question pass, so staff should follow up."""
    open_for_case = open_requests().filter(case=OuterRef("pk"))
    return (
        Case.objects.filter(case_type__in=case_types_for_staff(user=user))
        .select_related("case_type__team", "current_status__status_type")
        .annotate(
            waiting_for_resident=Exists(open_for_case),
            question_overdue=Exists(open_for_case.filter(deadline__lt=timezone.localdate())),
        )
    )
