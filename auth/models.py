import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Both staff (Wagtail admin) and residents (DigiD) are users; residents never get a password.

    `uuid` is the opaque identifier used wherever a user has to be addressed from outside.
    """

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        swappable = "AUTH_USER_MODEL"
