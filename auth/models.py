import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.crypto import decrypt


class LoginRecorded(models.Model):
    """A record that keeps how it was made (auth/context.py, no BSN in it): by which means and at which level the
    one who made it logged in, and when acting for someone, who acted and on what ground. `resident` is whom the
    record is for."""

    auth_context = models.JSONField(_("inlogcontext"), default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def assisted_channel(self) -> str:
        """ "counter" or "phone" (as Case.Channel) when staff made it for the resident; empty when the resident (or
        someone acting for them online) did."""
        return self.auth_context.get("channel", "") if self.auth_context.get("source") == "staff" else ""

    def authentication_context(self) -> dict | None:
        """The authenticatiecontext document of this record, to send on (it holds BSNs: never store it)."""
        from auth.context import document

        return document(self.auth_context, self.resident) if self.resident_id else None


class User(AbstractUser):
    """Staff (Wagtail admin), residents (DigiD) and businesses (eHerkenning) are users; only staff have passwords.

    A resident is found by `bsn_digest` (keyed HMAC of the BSN); the BSN itself is kept encrypted for the
    few places that must send it on (registries, case registration). `uuid` addresses a user from outside.
    """

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    bsn_digest = models.CharField(_("BSN-sleutel"), max_length=64, unique=True, null=True, blank=True, editable=False)
    bsn_encrypted = models.TextField(_("BSN (versleuteld)"), blank=True, editable=False)
    # Set when the resident closed their account (portal.profile.services.account_close): inactive until a new
    # DigiD login opens it again.
    closed_at = models.DateTimeField(_("account opgeheven op"), null=True, blank=True, editable=False)
    # A business (eHerkenning): the company itself is the account, whoever of its staff logs in for it; the person
    # who acted is recorded with what they did (their pseudonym from the eHerkenning broker), never as the account.
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, unique=True, null=True, blank=True, editable=False)
    # The language the resident last chose with the language switch while logged in (a code of LANGUAGES): a new
    # device opens in it after the DigiD login. Empty: never chosen, Dutch.
    language = models.CharField(_("taal"), max_length=8, blank=True, editable=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        swappable = "AUTH_USER_MODEL"

    @property
    def is_resident(self) -> bool:
        return self.bsn_digest is not None

    @property
    def is_business(self) -> bool:
        return self.kvk_number is not None

    @property
    def is_party(self) -> bool:
        """Someone the portal serves in Mijn Loket: a resident (DigiD) or a business (eHerkenning)."""
        return self.bsn_digest is not None or self.kvk_number is not None

    @property
    def bsn(self) -> str:
        """The decrypted BSN, for the code that must pass it on; never put it in a URL, log or template."""
        return decrypt(self.bsn_encrypted) if self.bsn_encrypted else ""
