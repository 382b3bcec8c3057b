from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long the access log is kept (BIO: long enough to answer a resident or an auditor), then purged by
# `manage.py access_log_purge`. The PostgreSQL trigger of migration 0004 allows deleting only entries this old.
ACCESS_LOG_YEARS = 5


class AppendOnly(Exception):
    """The access log is never changed or deleted through the app, except purging entries past their term."""


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("the access log is append-only")

    def delete(self):
        raise AppendOnly("the access log is append-only; use purge_expired()")

    def purge_expired(self, *, now=None) -> int:
        """Deletes the entries older than ACCESS_LOG_YEARS; returns how many."""
        # At least as long as any run of calendar years (leap days included), as the database's trigger counts.
        cutoff = (now or timezone.now()) - timedelta(days=366 * ACCESS_LOG_YEARS)
        deleted, _detail = models.QuerySet.delete(self.filter(at__lt=cutoff))
        return deleted


class AccessLogEntry(models.Model):
    """Who looked at or acted on a resident's data, when, and why (BIO, AVG). Written by code only: there is
    no edit or delete screen, and the admin never registers one. `subject_digest` says whose data it was (the
    resident's BSN digest, which outlives their account), `team` on whose behalf a staff member acted: what the
    resident reads back under "Wie heeft mijn gegevens bekeken" (staff names are never shown there)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("handeling"), max_length=40)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    context = models.CharField(_("aanleiding"), max_length=200, blank=True)
    subject_digest = models.CharField(_("betreft (BSN-sleutel)"), max_length=64, blank=True)
    team = models.CharField(_("team"), max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzage in persoonsgegevens")
        verbose_name_plural = _("inzage in persoonsgegevens")
        ordering = ["-at"]
        indexes = [models.Index(fields=["subject_digest", "-at"], name="access_log_subject_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("the access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("the access log is append-only")


def audit(*, user, action: str, obj, context: str = "", subject=None, team: str = "") -> None:
    """Records an access to `obj` by `user`. `subject`: the resident whose data it is; `team`: on whose behalf
    (the resident reads "a member of staff" without one)."""
    AccessLogEntry.objects.create(
        user=user,
        action=action,
        object_type=obj._meta.model_name,
        object_id=str(getattr(obj, "uuid", obj.pk)),
        context=context[:200],
        subject_digest=(subject.bsn_digest or "") if subject is not None else "",
        team=team[:200],
    )


def audit_lookup(*, resident, registries: list[str], action: str, context: str = "", by=None) -> None:
    """Records that the portal asked base registries (e.g. ["BRP", "BAG"]) about `resident` on their behalf, and
    for what (`action`, e.g. "lookup_prefill" with the form's name as context). `by`: who asked, when someone acts
    for the resident (a parent, a gemachtigde, staff at the counter); else the resident themselves."""
    if not getattr(resident, "bsn_digest", None):
        return
    AccessLogEntry.objects.create(
        user=by if by is not None else (resident if resident.pk else None),
        action=action,
        object_type="registry",
        object_id="+".join(registries),
        context=context[:200],
        subject_digest=resident.bsn_digest,
    )


class JobRun(models.Model):
    """One run of a periodic job in one period. Unique per (job, period): the scheduler whose insert succeeds runs
    the job, every other scheduler skips that period (see portal/core/scheduler.py)."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("bezig")
        OK = "ok", _("gelukt")
        FAILED = "failed", _("mislukt")

    job = models.CharField(_("taak"), max_length=60)
    period_start = models.DateTimeField(_("periode vanaf"))
    started_at = models.DateTimeField(_("gestart"))
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    seconds = models.FloatField(_("duur (seconden)"), null=True, blank=True)
    output = models.TextField(_("uitvoer"), blank=True)

    class Meta:
        verbose_name = _("uitvoering van een periodieke taak")
        verbose_name_plural = _("uitvoeringen van periodieke taken")
        ordering = ["-started_at"]
        constraints = [models.UniqueConstraint(fields=["job", "period_start"], name="one_run_per_job_period")]

    def __str__(self) -> str:
        return f"{self.job} {self.period_start:%Y-%m-%d %H:%M}"
