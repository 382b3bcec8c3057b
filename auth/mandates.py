from django.db import models
from django.utils.translation import gettext_lazy as _


class Mandate(models.TextChoices):
    """On what ground someone acts for another person (the authenticatiecontext's mandate). Empty: for themselves."""

    PARENTAL = "ouderlijk_gezag", _("ouderlijk gezag")
