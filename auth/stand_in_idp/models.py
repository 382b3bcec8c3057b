from django.db import models

from auth.loa import EH_LEVELS, LEVELS


class Authentication(models.Model):
    """How someone proved who they are for one authorization code: carried from the code into the ID token. For an
    eHerkenning login the user is the company; it also carries the branch, if the authorisation is limited to one,
    and the pseudonym of the employee who logged in for it."""

    code = models.CharField(max_length=255, unique=True)
    acr = models.CharField(max_length=128, choices=LEVELS + EH_LEVELS)
    authenticated_at = models.DateTimeField()
    branch_number = models.CharField(max_length=12, blank=True)
    acting_subject = models.CharField(max_length=64, blank=True)
    # For someone else: the representee (a fictional test person's BSN; the row lives until the code is used).
    representee_bsn = models.CharField(max_length=9, blank=True)
    mandate = models.CharField(max_length=20, blank=True)
    service = models.CharField(max_length=36, blank=True)

    def __str__(self) -> str:
        return f"{self.get_acr_display()} at {self.authenticated_at:%Y-%m-%d %H:%M}"
