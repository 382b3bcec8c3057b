import enum
import logging
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.cases.models import Case, CaseType, ContactMoment
from portal.cases.services import case_create
from portal.core.storage import delete_files_on_commit
from portal.core.uploads import CheckedUpload
from portal.profile.models import ContactPreferences, DataExport, VerificationCode
from portal.profile.selectors import open_verification_codes

logger = logging.getLogger(__name__)

CODE_LIFETIME = timedelta(minutes=15)
CODE_ATTEMPTS = 5  # wrong tries before a code is spent
CODES_PER_HOUR = 5  # per channel: with CODE_ATTEMPTS, at most 25 guesses of a million an hour


@dataclass
class ContactChange:
    preferences: ContactPreferences
    to_verify: list[str]  # channels whose address is new and must be verified before anything goes to it


@transaction.atomic
def contact_preferences_update(
    *, resident, email: str, phone, notify_by_email: bool, notify_by_sms: bool
) -> ContactChange:
    """Saves how the resident wants to hear from us. A new or changed address is unverified until its code is
    typed (see verification_code_send); the caller sends the codes for `to_verify`."""
    preferences, _created = ContactPreferences.objects.select_for_update().get_or_create(resident=resident)
    before = {channel: preferences.address(channel) for channel in VerificationCode.Channel.values}
    preferences.email = email
    preferences.phone = phone or ""
    preferences.notify_by_email = notify_by_email
    preferences.notify_by_sms = notify_by_sms
    to_verify = []
    for channel in VerificationCode.Channel.values:
        address = preferences.address(channel)
        if address != before[channel]:
            _set_verified(preferences, channel, None)
            # A code sent to the old address must not verify the new one (its digest differs anyway).
            open_verification_codes(resident=resident, channel=channel).update(expires_at=timezone.now())
            if address:
                to_verify.append(channel)
    preferences.full_clean()
    preferences.save()
    return ContactChange(preferences=preferences, to_verify=to_verify)


class CodeNotSent(Exception):
    """No code went out: too many were asked for (`retry_after_minutes` > 0), or delivery failed (0)."""

    def __init__(self, retry_after_minutes: int = 0):
        super().__init__(retry_after_minutes)
        self.retry_after_minutes = retry_after_minutes


class CodeCheck(enum.Enum):
    VERIFIED = "verified"
    WRONG = "wrong"
    EXPIRED = "expired"  # no open code: never sent, too old, replaced, already used, or the address changed
    SPENT = "spent"  # too many wrong tries


@dataclass
class CodeCheckResult:
    outcome: CodeCheck
    attempts_left: int = 0


def _set_verified(preferences: ContactPreferences, channel: str, when) -> None:
    if channel == VerificationCode.Channel.EMAIL:
        preferences.email_verified_at = when
    else:
        preferences.phone_verified_at = when


def _digest(*, resident, channel: str, address: str, code: str) -> str:
    return salted_hmac("loket.profile.verification", f"{resident.pk}|{channel}|{address}|{code}").hexdigest()


def _deliver(channel: str, address: str, code: str) -> None:
    minutes = int(CODE_LIFETIME.total_seconds() // 60)
    if channel == VerificationCode.Channel.EMAIL:
        send_mail(
            _("Uw bevestigingscode voor Mijn Loket"),
            _(
                "Uw bevestigingscode is %(code)s.\n\n"
                "Vul deze code in op Mijn Loket om dit e-mailadres te bevestigen. De code is %(minutes)d minuten "
                "geldig.\n\nHeeft u dit niet zelf gevraagd? Dan hoeft u niets te doen."
            )
            % {"code": code, "minutes": minutes},
            settings.DEFAULT_FROM_EMAIL,
            [address],
        )
    else:
        text = _("Uw bevestigingscode voor Mijn Loket is %(code)s. Geldig: %(minutes)d minuten.") % {
            "code": code,
            "minutes": minutes,
        }
        import_string(settings.LOKET_SMS_BACKEND)().send(phone_number=address, text=text)


@transaction.atomic
def verification_code_send(*, resident, channel: str) -> None:
    """Sends a new 6-digit code to the resident's address for `channel`; earlier open codes stop counting. Raises
    CodeNotSent when the resident asked for too many this hour or delivery failed (nothing is kept then)."""
    # The lock on the preferences serialises a resident's requests, so the hourly count cannot be raced.
    preferences = ContactPreferences.objects.select_for_update().get(resident=resident)
    address = preferences.address(channel)
    if not address:
        raise ValueError(f"no address for {channel}")
    now = timezone.now()
    hour = VerificationCode.objects.filter(resident=resident, channel=channel, created_at__gt=now - timedelta(hours=1))
    if hour.count() >= CODES_PER_HOUR:
        oldest = hour.order_by("created_at").first().created_at
        raise CodeNotSent(
            retry_after_minutes=max(1, math.ceil((oldest + timedelta(hours=1) - now).total_seconds() / 60))
        )
    open_verification_codes(resident=resident, channel=channel).update(expires_at=now)
    VerificationCode.objects.filter(resident=resident, created_at__lt=now - timedelta(days=1)).delete()
    code = f"{secrets.randbelow(1_000_000):06d}"
    VerificationCode.objects.create(
        resident=resident,
        channel=channel,
        digest=_digest(resident=resident, channel=channel, address=address, code=code),
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    try:
        _deliver(channel, address, code)
    except Exception as error:  # any mail or SMS gateway failure: nothing is kept (rollback), the resident may retry
        logger.warning("verification code not delivered", extra={"channel": channel, "error": type(error).__name__})
        raise CodeNotSent() from error


def verification_code_check(*, resident, channel: str, code: str) -> CodeCheckResult:
    """Checks `code` against the newest open code for `channel`. Every wrong try counts, also when the code is
    then spent; the right one verifies the address it was sent to, once."""
    with transaction.atomic():
        preferences = ContactPreferences.objects.select_for_update().filter(resident=resident).first()
        now = timezone.now()
        current = (
            open_verification_codes(resident=resident, channel=channel).order_by("-created_at").first()
            if preferences
            else None
        )
        if current is None:
            return CodeCheckResult(CodeCheck.EXPIRED)
        if current.attempts >= CODE_ATTEMPTS:
            return CodeCheckResult(CodeCheck.SPENT)
        current.attempts += 1
        expected = _digest(resident=resident, channel=channel, address=preferences.address(channel), code=code)
        if constant_time_compare(current.digest, expected):
            current.used_at = now
            current.save(update_fields=["attempts", "used_at"])
            _set_verified(preferences, channel, now)
            preferences.save(update_fields=["email_verified_at", "phone_verified_at", "updated_at"])
            return CodeCheckResult(CodeCheck.VERIFIED)
        current.save(update_fields=["attempts"])
        left = CODE_ATTEMPTS - current.attempts
        return CodeCheckResult(CodeCheck.WRONG if left else CodeCheck.SPENT, attempts_left=left)


BRP_CORRECTION_SUBJECTS = [
    ("naam", gettext_lazy("Naam")),
    ("geboorte", gettext_lazy("Geboortedatum of geboorteplaats")),
    ("adres", gettext_lazy("Adres")),
    ("nationaliteit", gettext_lazy("Nationaliteit")),
    ("partner", gettext_lazy("Partner")),
    ("kinderen", gettext_lazy("Kinderen")),
    ("anders", gettext_lazy("Iets anders")),
]


def brp_correction_case_type() -> CaseType | None:
    """The case type corrections of BRP data become, as configured (LOKET_BRP_CORRECTION_CASE_TYPE); None if absent."""
    return CaseType.objects.filter(name=settings.LOKET_BRP_CORRECTION_CASE_TYPE).first()


@transaction.atomic
def brp_correction_request(*, resident, subject: str, explanation: str, document: CheckedUpload | None) -> Case:
    """The resident reports that their BRP data are wrong (`subject`: a key of BRP_CORRECTION_SUBJECTS): a case for
    the team that keeps the BRP, with what is wrong in the resident's words and the document beside it. Raises
    CaseType.DoesNotExist when none is configured."""
    case_type = brp_correction_case_type()
    if case_type is None:
        raise CaseType.DoesNotExist(settings.LOKET_BRP_CORRECTION_CASE_TYPE)
    case = case_create(case_type=case_type, resident=resident, documents=[document] if document else [])
    with translation.override(settings.LANGUAGE_CODE):  # staff read it in Dutch, whatever language the resident used
        label = str(dict(BRP_CORRECTION_SUBJECTS)[subject])
        text = _("Gegevens: %(subject)s\nToelichting: %(text)s") % {"subject": label, "text": explanation}
    ContactMoment.objects.create(case=case, kind=ContactMoment.Kind.ANSWER, text=text)
    return case


EXPORT_KEPT = timedelta(days=7)


@transaction.atomic
def data_export_request(*, resident, language: str) -> DataExport:
    """Starts a download of everything kept about the resident, its summary and message in `language`."""
    get_user_model().objects.select_for_update().get(pk=resident.pk)  # one request at a time per resident
    # One at a time, and one an hour: the one being made, or made in the last hour, is the answer.
    recent = (
        DataExport.objects.filter(resident=resident, requested_at__gt=timezone.now() - timedelta(hours=1))
        .exclude(state=DataExport.State.FAILED)
        .first()
    )
    if recent:
        return recent
    export = DataExport.objects.create(resident=resident)
    from portal.profile.tasks import build_data_export

    transaction.on_commit(lambda: build_data_export.enqueue(export_id=export.pk, language=language))
    return export


def data_export_build(*, export_id: int, language: str) -> DataExport | None:
    """Writes the zip of a pending export and tells the resident in their inbox; nothing if it was done already."""
    from portal.inbox.services import message_send
    from portal.profile.export import build_zip

    export = DataExport.objects.filter(pk=export_id, state=DataExport.State.PENDING).select_related("resident").first()
    if export is None:
        return None
    resident = export.resident
    with translation.override(language):
        try:
            data = build_zip(resident, municipality=settings.WAGTAIL_SITE_NAME)
        except Exception:
            # The page says so and offers to try again; the error itself is for the operator's log.
            DataExport.objects.filter(pk=export.pk).update(state=DataExport.State.FAILED)
            raise
        export.file.save(f"{export.uuid}.zip", ContentFile(data), save=False)
        now = timezone.now()
        export.size, export.state = len(data), DataExport.State.READY
        export.ready_at, export.expires_at = now, now + EXPORT_KEPT
        export.save(update_fields=["file", "size", "state", "ready_at", "expires_at"])
        message_send(
            resident=resident,
            subject=_("Uw gegevens staan klaar om te downloaden"),
            body=_(
                "U vroeg om een download van alle gegevens die de gemeente over u bewaart. Die staat nu klaar in "
                "Mijn gegevens, tot %(date)s. Daarna verwijderen we hem."
            )
            % {"date": date_format(timezone.localtime(export.expires_at), "j F Y")},
            link_url="/mijn/gegevens/download/",
            link_text=_("Naar uw download"),
        )
    return export


def data_exports_purge() -> int:
    """Deletes downloads past their week, file and all (and ones whose making failed a day ago). Idempotent."""
    now = timezone.now()
    old = DataExport.objects.filter(expires_at__lt=now) | DataExport.objects.filter(
        state__in=[DataExport.State.PENDING, DataExport.State.FAILED], requested_at__lt=now - timedelta(days=1)
    )
    count = 0
    for export in old:
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count


@transaction.atomic
def account_close(*, resident) -> None:
    """The resident closes their account. Deleted at once: contact details and codes, notice choices, drafts,
    inbox messages with their attachments, data downloads. Kept, because the law asks it: cases, sent forms,
    payments, appointments and the access log, for their own terms. The account is inactive (every session of it
    ends) until the resident logs in with DigiD again."""
    from forms_engine.models import Draft
    from portal.inbox.models import Attachment, Message
    from portal.notices.models import NoticePreference

    files = [attachment.file for attachment in Attachment.objects.filter(message__resident=resident)]
    files += [export.file for export in DataExport.objects.filter(resident=resident) if export.file]
    Message.objects.filter(resident=resident).delete()
    DataExport.objects.filter(resident=resident).delete()
    ContactPreferences.objects.filter(resident=resident).delete()
    VerificationCode.objects.filter(resident=resident).delete()
    NoticePreference.objects.filter(resident=resident).delete()
    Draft.objects.filter(resident=resident).delete()  # their unsent files go with the next forms_purge
    get_user_model().objects.filter(pk=resident.pk).update(is_active=False, closed_at=timezone.now())
    delete_files_on_commit(files)
