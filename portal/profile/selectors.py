from portal.profile.models import ContactPreferences


def contact_preferences_for_resident(*, resident) -> ContactPreferences:
    """The resident's preferences; an unsaved default (no address, no number) when they never set any."""
    try:
        return ContactPreferences.objects.get(resident=resident)
    except ContactPreferences.DoesNotExist:
        return ContactPreferences(resident=resident)


def notification_addresses(*, resident, channels: set[str] | None = None) -> dict[str, str]:
    """Where a 'new message' notice may go: {"email": ..., "sms": ...}. By default the channels the resident chose
    for new messages; `channels` overrides that choice (a notice category has its own), never the addresses."""
    preferences = contact_preferences_for_resident(resident=resident)
    if channels is None:
        channels = {
            name for name, on in (("email", preferences.notify_by_email), ("sms", preferences.notify_by_sms)) if on
        }
    addresses = {}
    if "email" in channels and preferences.email:
        addresses["email"] = preferences.email
    if "sms" in channels and preferences.phone:
        addresses["sms"] = preferences.phone.as_e164
    return addresses
