import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class ContactPreferences(models.Model):
    """How a resident wants to hear from the municipality. The BRP knows where someone lives, not their e-mail
    address or mobile number: those only the resident can give, and change, here."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resident = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_preferences"
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = PhoneNumberField(_("mobiel nummer"), blank=True)
    notify_by_email = models.BooleanField(_("e-mail bij een nieuw bericht"), default=True)
    notify_by_sms = models.BooleanField(_("sms bij een nieuw bericht"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contactvoorkeuren")
        verbose_name_plural = _("contactvoorkeuren")

    def __str__(self) -> str:
        return str(_("Contactvoorkeuren"))
