import factory
from django.utils import timezone

from portal.profile.models import ContactPreferences


class ContactPreferencesFactory(factory.django.DjangoModelFactory):
    """A resident's contact details as they stand after they typed the codes: every address given is verified
    (pass email_verified_at=None or phone_verified_at=None for one that is not)."""

    class Meta:
        model = ContactPreferences

    email = ""
    phone = ""
    email_verified_at = factory.LazyAttribute(lambda preferences: timezone.now() if preferences.email else None)
    phone_verified_at = factory.LazyAttribute(lambda preferences: timezone.now() if preferences.phone else None)
