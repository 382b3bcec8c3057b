from django.utils import timezone

from portal.profile.models import ContactPreferences, VerificationCode


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
