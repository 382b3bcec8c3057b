"""Records of two residents in every kind that has a term: cases with documents, submissions with files."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from forms_engine.models import Submission, Upload
from portal.cases.models import Case, CaseType, Document
from portal.cases.services import case_create, case_set_status
from tests.factories.cases import CaseTypeFactory, make_resident
from tests.factories.forms import make_form


def closed_case(case_type, resident, *, days_ago: int, document=b"%PDF-1.7 besluit") -> Case:
    case = case_create(case_type=case_type, resident=resident)
    case_set_status(case=case, status_type=case_type.status_types.get(is_final=True), by=None)
    moment = timezone.now() - timedelta(days=days_ago)
    Case.objects.filter(pk=case.pk).update(created_at=moment - timedelta(days=10), closed_at=moment)
    if document:
        Document.objects.create(
            case=case,
            file=ContentFile(document, name="besluit.pdf"),
            name="besluit.pdf",
            content_type="application/pdf",
            size=len(document),
        )
    return Case.objects.get(pk=case.pk)


def sent_submission(form, resident, *, days_ago: int) -> Submission:
    submission = Submission.objects.create(
        form=form,
        schema=form.build_schema(),
        data={"naam": "Geheim"},
        resident=resident,
        receipt=ContentFile(b"%PDF-1.7 ontvangstbewijs", name="ontvangst.pdf"),
    )
    Upload.objects.create(
        submission=submission,
        field_key="bijlage",
        file=ContentFile(b"foto", name="foto.jpg"),
        name="foto.jpg",
        content_type="image/jpeg",
        size=4,
    )
    Submission.objects.filter(pk=submission.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return Submission.objects.get(pk=submission.pk)


@pytest.fixture
def records(db):
    """Resident A and B: for each, an extract closed two years ago (past its one-year term), one closed last month,
    a birth registration (kept for ever) closed twenty years ago, and a form sent two years ago without a case."""
    extract = CaseTypeFactory(name="Uittreksel", archive_action=CaseType.ArchiveAction.DESTROY, retention_years=1)
    birth = CaseTypeFactory(name="Geboorte", archive_action=CaseType.ArchiveAction.KEEP, retention_years=0)
    form = make_form(slug="melding-zonder-zaak", submission_retention_years=1)
    data = {}
    for name in ("a", "b"):
        resident = make_resident()
        data[name] = {
            "resident": resident,
            "old": closed_case(extract, resident, days_ago=800),
            "recent": closed_case(extract, resident, days_ago=30),
            "kept": closed_case(birth, resident, days_ago=7300),
            "open": case_create(case_type=extract, resident=resident),
            "submission": sent_submission(form, resident, days_ago=800),
            "new_submission": sent_submission(form, resident, days_ago=10),
        }
    return data
