from django.utils.translation import gettext_lazy as _

from forms_engine.destinations.base import Destination, PermanentError
from forms_engine.destinations.registry import registry
from forms_engine.receipt import receipt_upload


@registry.register("case")
class CaseDestination(Destination):
    """A case of the form's case type for the resident, with the receipt and the attachments as documents.
    Registering the same submission again returns the case made the first time (unique per submission)."""

    verbose_name = _("Zaak in het zaaksysteem van Loket")

    def register_submission(self, *, submission, options, key):
        from portal.cases.models import Case
        from portal.cases.services import case_create

        case_type = submission.form.case_type
        if case_type is None:
            raise PermanentError("form has no case type")
        if submission.resident is None:
            raise PermanentError("anonymous submission: no resident to register a case for")
        documents = [receipt_upload(submission)] + [upload.checked() for upload in submission.uploads.all()]
        case = case_create(
            case_type=case_type,
            resident=submission.resident,
            channel=submission.assisted_channel or Case.Channel.ONLINE,
            submission_uuid=submission.uuid,
            submission_reference=submission.reference,
            documents=documents,
        )
        return {"case": case.identification, "case_uuid": str(case.uuid)}
