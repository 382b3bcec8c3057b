from django.db.models import QuerySet
from django.utils import timezone

from portal.cases.selectors import cases_for_resident
from portal.core.models import AccessLogEntry
from portal.profile.models import ContactPreferences, DataExport, VerificationCode


def contact_preferences_for_resident(*, resident) -> ContactPreferences:
    """The resident's preferences; an unsaved default (no address, no number) when they never set any."""
    try:
        return ContactPreferences.objects.get(resident=resident)
    except ContactPreferences.DoesNotExist:
        return ContactPreferences(resident=resident)


def notification_addresses(*, resident, channels: set[str] | None = None) -> dict[str, str]:
    """Where a 'new message' notice may go: {"email": ..., "sms": ...}. By default the channels the resident chose
    for new messages; `channels` overrides that choice (a notice category has its own), never the addresses. Only
    verified addresses are returned."""
    preferences = contact_preferences_for_resident(resident=resident)
    if channels is None:
        channels = {
            name for name, on in (("email", preferences.notify_by_email), ("sms", preferences.notify_by_sms)) if on
        }
    return {channel: preferences.address(channel) for channel in channels if preferences.is_verified(channel)}


def verified_email(*, resident) -> str:
    """The resident's e-mail address if they verified it, else empty: mail goes only where its owner confirmed."""
    preferences = contact_preferences_for_resident(resident=resident)
    return preferences.email if preferences.email_verified else ""


def open_verification_codes(*, resident, channel: str):
    """The codes for `channel` that may still be typed: not used, not expired, not replaced."""
    return VerificationCode.objects.filter(
        resident=resident, channel=channel, used_at__isnull=True, expires_at__gt=timezone.now()
    )


def has_open_verification_code(*, resident, channel: str) -> bool:
    return open_verification_codes(resident=resident, channel=channel).exists()


def access_log_for_resident(*, resident) -> QuerySet[AccessLogEntry]:
    """Every recorded access to the resident's data (by staff, and registry lookups on their behalf), newest first;
    only the columns the resident is shown, never who the staff member was."""
    return AccessLogEntry.objects.filter(subject_digest=resident.bsn_digest).only(
        "action", "object_type", "object_id", "context", "team", "at"
    )


def case_numbers_for_resident(*, resident, uuids) -> dict[str, str]:
    """{case UUID as text: case number} for those of `uuids` that are the resident's own cases."""
    rows = cases_for_resident(resident=resident).filter(uuid__in=uuids).values_list("uuid", "identification")
    return {str(uuid): number for uuid, number in rows}


def latest_data_export(*, resident) -> DataExport | None:
    """The resident's newest download that is still being made or may still be downloaded."""
    return (
        DataExport.objects.filter(resident=resident)
        .exclude(state=DataExport.State.READY, expires_at__lte=timezone.now())
        .first()
    )


def data_export_for_download(*, resident, uuid) -> DataExport | None:
    """The resident's own finished download with this UUID, if its week has not passed."""
    return DataExport.objects.filter(
        resident=resident, uuid=uuid, state=DataExport.State.READY, expires_at__gt=timezone.now()
    ).first()
