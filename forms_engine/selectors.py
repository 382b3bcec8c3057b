from django.db.models import Count, QuerySet
from django.utils import timezone

from forms_engine.models import Draft, FormDefinition, Registration, Submission
from portal.core.prepared import prepared


def published_forms() -> QuerySet[FormDefinition]:
    return FormDefinition.objects.filter(live=True, live_revision__isnull=False, standalone=True)


@prepared(slug=str)
def _published_form(slug):
    # Without the editor's working copy of the steps and rules: the wizard fills in the published revision
    # (forms_engine.schema.compiled_revision), and decoding the StreamField was a third of this query's cost.
    return published_forms().filter(slug=slug).defer("steps", "rules")[:1]


def published_form(*, slug: str) -> FormDefinition:
    """The form a resident fills in, asked on every step: prepared (compiled once per database connection)."""
    forms = _published_form(slug=slug)
    if not forms:
        raise FormDefinition.DoesNotExist
    return forms[0]


def drafts_for_resident(*, resident) -> QuerySet[Draft]:
    return Draft.objects.filter(resident=resident, expires_at__gt=timezone.now()).select_related("form")


def draft_for_resident(*, resident, uuid) -> Draft:
    return drafts_for_resident(resident=resident).select_related("revision").get(uuid=uuid)


def submissions_today(*, form: FormDefinition, resident) -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return Submission.objects.filter(form=form, resident=resident, created_at__gte=start).count()


def submission_for_session(*, uuid) -> Submission:
    return Submission.objects.select_related("form").get(uuid=uuid)


def submissions_for_resident(*, resident) -> QuerySet[Submission]:
    return Submission.objects.filter(resident=resident).select_related("form").order_by("-created_at")


def registrations_by_state() -> dict[tuple[str], int]:
    """How many deliveries wait and how many failed (a metric: both always reported, 0 included)."""
    counts = dict(
        Registration.objects.exclude(state=Registration.State.DONE)
        .values("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    return {(state,): counts.get(state, 0) for state in (Registration.State.PENDING, Registration.State.FAILED)}
