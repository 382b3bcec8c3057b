from django.db import models

from auth.loa import LEVELS


class Authentication(models.Model):
    """How a person proved who they are for one authorization code: carried from the code into the ID token."""

    code = models.CharField(max_length=255, unique=True)
    acr = models.CharField(max_length=128, choices=LEVELS)
    authenticated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.get_acr_display()} at {self.authenticated_at:%Y-%m-%d %H:%M}"
