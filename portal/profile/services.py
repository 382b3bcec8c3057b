from django.db import transaction

from portal.profile.models import ContactPreferences


@transaction.atomic
def contact_preferences_update(*, resident, email: str, phone, notify_by_email: bool, notify_by_sms: bool):
    preferences, _created = ContactPreferences.objects.select_for_update().get_or_create(resident=resident)
    preferences.email = email
    preferences.phone = phone or ""
    preferences.notify_by_email = notify_by_email
    preferences.notify_by_sms = notify_by_sms
    preferences.full_clean()
    preferences.save()
    return preferences
