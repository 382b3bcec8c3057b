import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from forms_engine.models import Draft, FormDefinition, Submission, Upload, new_reference
from portal.core.uploads import CheckedUpload

DRAFT_DAYS = 30


def upload_store(*, field_key: str, checked: CheckedUpload) -> Upload:
    """Keep a checked file while the form is being filled in; it joins the submission when it is sent."""
    upload = Upload(field_key=field_key, name=checked.name, content_type=checked.content_type, size=checked.size)
    upload.file.save(checked.name, checked.content, save=False)
    upload.full_clean()
    upload.save()
    return upload


def submission_create(
    *, form: FormDefinition, revision, schema: dict, data: dict, prefilled: list[str], resident=None, language="nl"
) -> Submission:
    """Store a sent form in one transaction, with a fresh public reference and its attachments. Outbound work
    (registration as a case, receipts, mail) is not done here: nothing waits on, or can lose, the answers."""
    upload_ids = [item["uuid"] for value in data.values() if _is_upload_list(value) for item in value]
    for _attempt in range(5):
        try:
            with transaction.atomic():
                submission = Submission(
                    reference=new_reference(),
                    form=form,
                    revision=revision,
                    schema=schema,
                    data=data,
                    prefilled=prefilled,
                    resident=resident,
                    language=language,
                )
                submission.save()
                Upload.objects.filter(uuid__in=upload_ids, submission__isnull=True).update(submission=submission)
                if resident is not None:
                    Draft.objects.filter(form=form, resident=resident).delete()
                return submission
        except IntegrityError:
            continue  # a reference that was already taken (one in 10^12): draw again
    raise RuntimeError("no free submission reference after 5 attempts")


def _is_upload_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) and "uuid" in item for item in value)


def draft_save(*, form: FormDefinition, resident, revision, state: dict, step_title: str) -> Draft:
    expires_at = timezone.now() + datetime.timedelta(days=DRAFT_DAYS)
    draft, _created = Draft.objects.update_or_create(
        form=form,
        resident=resident,
        defaults={"revision": revision, "state": state, "step_title": step_title[:120], "expires_at": expires_at},
    )
    return draft


def draft_delete(*, draft: Draft) -> None:
    draft.delete()


def drafts_purge_expired(*, now=None) -> int:
    """Drafts past their 30 days, and files of forms never sent (older than the longest draft), go."""
    now = now or timezone.now()
    deleted, _detail = Draft.objects.filter(expires_at__lt=now).delete()
    stale = Upload.objects.filter(submission__isnull=True, created_at__lt=now - datetime.timedelta(days=DRAFT_DAYS + 1))
    for upload in stale:
        upload.file.delete(save=False)
        upload.delete()
    return deleted
