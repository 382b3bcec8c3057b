from portal.profile.models import ContactPreferences


def contact_preferences_for_resident(*, resident) -> ContactPreferences:
    """The resident's preferences; an unsaved default (no address, no number) when they never set any."""
    try:
        return ContactPreferences.objects.get(resident=resident)
    except ContactPreferences.DoesNotExist:
        return ContactPreferences(resident=resident)


def notification_addresses(*, resident) -> dict[str, str]:
    """Where a 'new message' notice may go: {"email": ..., "sms": ...}, only the channels the resident chose."""
    preferences = contact_preferences_for_resident(resident=resident)
    addresses = {}
    if preferences.notify_by_email and preferences.email:
        addresses["email"] = preferences.email
    if preferences.notify_by_sms and preferences.phone:
        addresses["sms"] = preferences.phone.as_e164
    return addresses
