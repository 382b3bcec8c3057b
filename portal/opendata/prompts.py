"""The satisfaction question at the end of a journey, for the page that ends it."""

from portal.opendata.forms import SatisfactionForm
from portal.opendata.models import Journey, Satisfaction
from portal.opendata.services import JourneyRef

AUTO_ID = "tevredenheid-%s"


def satisfaction_form(request, ref: JourneyRef) -> SatisfactionForm | None:
    """The question for this journey, answered back to this page; None once it was answered (one query)."""
    if Satisfaction.objects.filter(journey_key=ref.key).exists():
        return None
    return SatisfactionForm(auto_id=AUTO_ID, initial={"token": ref.token(), "next": request.get_full_path()})


def for_submission(request, submission) -> SatisfactionForm | None:
    form = submission.form
    case_type = form.case_type
    ref = JourneyRef(
        Journey.FORM,
        str(submission.uuid),
        form.name,
        case_type_id=form.case_type_id,
        team_id=case_type.team_id if case_type else None,
    )
    return satisfaction_form(request, ref)


def for_case(request, case) -> SatisfactionForm | None:
    if case.is_open:
        return None
    case_type = case.case_type
    ref = JourneyRef(Journey.CASE, str(case.uuid), case_type.name, case_type_id=case_type.pk, team_id=case_type.team_id)
    return satisfaction_form(request, ref)


def for_report(request, report) -> SatisfactionForm | None:
    """After a closed report's "is it solved?" was answered: one question at a time."""
    if report.status != "afgehandeld":
        return None
    ref = JourneyRef(Journey.REPORT, str(report.uuid), report.category.name, team_id=report.team_id)
    return satisfaction_form(request, ref)
