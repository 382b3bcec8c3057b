import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from portal.core.storage import private_storage


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
    # Set when the resident typed the code sent to the address; cleared whenever the address changes. Nothing is
    # ever sent to an address that is not verified (see selectors.notification_addresses).
    email_verified_at = models.DateTimeField(_("e-mailadres bevestigd op"), null=True, blank=True, editable=False)
    phone_verified_at = models.DateTimeField(_("mobiel nummer bevestigd op"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contactvoorkeuren")
        verbose_name_plural = _("contactvoorkeuren")

    def __str__(self) -> str:
        return str(_("Contactvoorkeuren"))

    def address(self, channel: str) -> str:
        """The address for `channel` ("email" or "sms"), as the resident gave it; empty if none."""
        if channel == VerificationCode.Channel.EMAIL:
            return self.email
        return self.phone.as_e164 if self.phone else ""

    def is_verified(self, channel: str) -> bool:
        verified_at = self.email_verified_at if channel == VerificationCode.Channel.EMAIL else self.phone_verified_at
        return bool(self.address(channel)) and verified_at is not None

    @property
    def email_verified(self) -> bool:
        return self.is_verified(VerificationCode.Channel.EMAIL)

    @property
    def phone_verified(self) -> bool:
        return self.is_verified(VerificationCode.Channel.SMS)


class VerificationCode(models.Model):
    """A 6-digit code sent to an address the resident gave. Only a keyed digest of resident, channel, address and
    code is kept, so a code is worth nothing for another resident or once the address changed; only the newest
    open code of a channel counts, for a limited time and a limited number of tries."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        SMS = "sms", _("sms")

    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=5, choices=Channel.choices)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bevestigingscode")
        verbose_name_plural = _("bevestigingscodes")
        indexes = [models.Index(fields=["resident", "channel", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.created_at:%Y-%m-%d %H:%M}"


class DataExport(models.Model):
    """A resident's 'Download mijn gegevens': made by a task, downloadable by them alone for a week, then deleted."""

    class State(models.TextChoices):
        PENDING = "pending", _("wordt gemaakt")
        READY = "ready", _("klaar")
        FAILED = "failed", _("mislukt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.PENDING)
    file = models.FileField(storage=private_storage, upload_to="exports/", max_length=300, blank=True)
    size = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    ready_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    expires_at = models.DateTimeField(_("beschikbaar tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("download van gegevens")
        verbose_name_plural = _("downloads van gegevens")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.get_state_display()} {self.requested_at:%Y-%m-%d %H:%M}"
