import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forms_engine.delivery import registrations_create
from forms_engine.models import Draft, FormDefinition, ResumeLink, Submission, Upload, new_reference
from forms_engine.payment import amount_due_cents
from forms_engine.tasks import send_confirmation
from portal.core.uploads import CheckedUpload

DRAFT_DAYS = 30
RESUME_LINK_DAYS = 7
RESUME_SALT = "loket.forms.resume"


class ResumeLinkInvalid(Exception):
    """The link is garbled, expired or already used; `reason` says which, for the page the resident sees."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def upload_store(*, field_key: str, checked: CheckedUpload) -> Upload:
    """Keep a checked file while the form is being filled in; it joins the submission when it is sent."""
    upload = Upload(field_key=field_key, name=checked.name, content_type=checked.content_type, size=checked.size)
    upload.file.save(checked.name, checked.content, save=False)
    upload.full_clean()
    upload.save()
    return upload


def submission_create(
    *,
    form: FormDefinition,
    revision,
    schema: dict,
    data: dict,
    prefilled: list[str],
    resident=None,
    language="nl",
    auth_context: dict | None = None,
) -> Submission:
    """Store a sent form in one transaction, with a fresh public reference and its attachments. Outbound work
    (registration as a case, receipts, mail) is not done here: nothing waits on, or can lose, the answers. A form
    with a fee is registered once paid (forms_engine/payment.py), unless the form says to go ahead unpaid."""
    upload_ids = [item["uuid"] for value in data.values() if _is_upload_list(value) for item in value]
    for _attempt in range(5):
        try:
            with transaction.atomic():
                owes = amount_due_cents(form=form, schema=schema, data=data) > 0
                submission = Submission(
                    reference=new_reference(),
                    form=form,
                    revision=revision,
                    schema=schema,
                    data=data,
                    prefilled=prefilled,
                    resident=resident,
                    language=language,
                    auth_context=auth_context or {},
                    payment_status=Submission.PaymentStatus.OPEN if owes else Submission.PaymentStatus.NONE,
                )
                submission.save()
                Upload.objects.filter(uuid__in=upload_ids, submission__isnull=True).update(submission=submission)
                if not (owes and form.payment_before_registration):
                    registrations_create(submission=submission)
                transaction.on_commit(lambda pk=submission.pk: send_confirmation.enqueue(submission_id=pk))
                if resident is not None:
                    Draft.objects.filter(form=form, resident=resident).delete()
                return submission
        except IntegrityError:
            continue  # a reference that was already taken (one in 10^12): draw again
    raise RuntimeError("no free submission reference after 5 attempts")


def _is_upload_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) and "uuid" in item for item in value)


def draft_save(*, form: FormDefinition, resident, revision, state: dict, step_title: str) -> None:
    """The resident's one draft of this form, created or brought up to date in one statement (an upsert on the
    form + resident constraint): no read first, no transaction around it, safe when two tabs save at once."""
    expires_at = timezone.now() + datetime.timedelta(days=DRAFT_DAYS)
    Draft.objects.bulk_create(
        [
            Draft(
                form=form,
                resident=resident,
                revision=revision,
                state=state,
                step_title=step_title[:120],
                expires_at=expires_at,
            )
        ],
        update_conflicts=True,
        unique_fields=["form", "resident"],
        update_fields=["revision", "state", "step_title", "expires_at", "updated_at"],
    )


def draft_delete(*, draft: Draft) -> None:
    draft.delete()


def drafts_purge_expired(*, now=None) -> dict[str, int]:
    """What residents did not finish is not kept longer than promised: drafts after 30 days, resume links once
    used or past 7 days, and files of forms never sent (older than the longest a draft lives)."""
    now = now or timezone.now()
    drafts, _detail = Draft.objects.filter(expires_at__lt=now).delete()
    links, _detail = ResumeLink.objects.filter(models.Q(expires_at__lt=now) | models.Q(used_at__isnull=False)).delete()
    stale = Upload.objects.filter(submission__isnull=True, created_at__lt=now - datetime.timedelta(days=DRAFT_DAYS + 1))
    uploads = 0
    for upload in stale.iterator():
        upload.file.delete(save=False)
        upload.delete()
        uploads += 1
    return {"drafts": drafts, "links": links, "uploads": uploads}


def resume_link_send(*, form: FormDefinition, state: dict, email: str) -> ResumeLink:
    """Keep an anonymous resident's answers and mail them a link back: signed, single use, 7 days. The mail says
    which form, never what was filled in."""
    link = ResumeLink.objects.create(
        form=form, state=state, expires_at=timezone.now() + datetime.timedelta(days=RESUME_LINK_DAYS)
    )
    token = signing.dumps(str(link.uuid), salt=RESUME_SALT, compress=True)
    url = settings.LOKET_PUBLIC_URL + reverse("forms_engine:resume_link", kwargs={"token": token})
    body = _(
        "U kunt verder met het formulier ‘%(form)s’ via deze link:\n\n%(url)s\n\n"
        "De link werkt één keer en is 7 dagen geldig. Heeft u dit niet gevraagd? Dan kunt u dit bericht negeren."
    ) % {"form": form.name, "url": url}
    transaction.on_commit(lambda: send_mail(_("Verder met uw formulier"), body, settings.DEFAULT_FROM_EMAIL, [email]))
    return link


def resume_link_use(*, token: str) -> ResumeLink:
    """The link's saved answers, once: a second use, an expired or a garbled link raise ResumeLinkInvalid."""
    max_age = datetime.timedelta(days=RESUME_LINK_DAYS)
    try:
        link_uuid = signing.loads(token, salt=RESUME_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ResumeLinkInvalid("expired") from error
    except signing.BadSignature as error:
        raise ResumeLinkInvalid("invalid") from error
    now = timezone.now()
    with transaction.atomic():
        link = ResumeLink.objects.select_for_update(of=("self",)).select_related("form").filter(uuid=link_uuid).first()
        if link is None:
            raise ResumeLinkInvalid("invalid")
        if link.used_at is not None:
            raise ResumeLinkInvalid("used")
        if link.expires_at < now:
            raise ResumeLinkInvalid("expired")
        link.used_at = now
        link.save(update_fields=["used_at"])
    return link
