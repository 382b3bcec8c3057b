"""Sent forms under records law: a submission that did not become a case is kept for its form's term after it was
sent; one that became a case goes with the case (the first run after the case is destroyed). Registered with
`portal.records` by the forms engine."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms_engine.models import FormDefinition, Registration, Submission, Upload
from portal.cases.models import Case
from portal.core.storage import delete_files_on_commit
from portal.records.retention import Candidate, RetentionRule


def _without_case():
    return Submission.objects.filter(~Exists(Case.objects.filter(submission_uuid=OuterRef("uuid"))))


def _expired(today: date, ids: list[int] | None) -> list[Candidate]:
    candidates = []
    for form in FormDefinition.objects.only("pk", "name", "submission_retention_years"):
        term = relativedelta(years=form.submission_retention_years)
        # A day more in the database, the exact term in Python (29 February), as for cases.
        submissions = _without_case().filter(form=form, created_at__date__lte=today - term + timedelta(1))
        if ids is not None:
            submissions = submissions.filter(pk__in=ids)
        for submission in submissions.only("pk", "reference", "created_at").order_by("created_at", "pk"):
            sent_on = timezone.localdate(submission.created_at)
            if sent_on + term <= today:
                candidates.append(
                    Candidate(
                        object_id=submission.pk,
                        identification=submission.reference,
                        type_name=form.name,
                        created_on=sent_on,
                        closed_on=None,
                        term_ended_on=sent_on + term,
                    )
                )
    return candidates


def _destroy(ids: list[int]) -> int:
    """Removes the submissions with their deliveries, uploaded files and receipts (files once committed)."""
    submissions = Submission.objects.filter(pk__in=ids)
    files = [upload.file for upload in Upload.objects.filter(submission__in=submissions).only("file")]
    files += [submission.receipt for submission in submissions.only("receipt") if submission.receipt]
    Registration.objects.filter(submission__in=submissions).delete()
    deleted = submissions.delete()[1].get("forms_engine.Submission", 0)
    delete_files_on_commit(files)
    return deleted


def _exists(identification: str) -> bool:
    return Submission.objects.filter(reference=identification).exists()


RULE = RetentionRule(kind="submission", label=_("inzending"), expired=_expired, destroy=_destroy, exists=_exists)
