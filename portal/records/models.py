"""Records law (Archiefwet): what may be destroyed, who agreed, and what was.

A destruction list is proposed by `retention_run` from what has passed its term, reviewed by one member of the
records team (who may take items off) and approved by another; only then is anything destroyed. The list and its
items stay as the record of the destruction: kind, identification, type, dates and the two people, never content.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class KindMixin:
    """`kind` names a retention rule an app registered (portal/records/retention.py)."""

    @property
    def kind_label(self) -> str:
        from portal.records.retention import label

        return label(self.kind)


class LegalHold(KindMixin, models.Model):
    """A case or submission that must not be destroyed whatever its term (a lawsuit, an objection, a WOO request)."""

    kind = models.CharField(_("soort"), max_length=20)
    identification = models.CharField(
        _("zaaknummer of kenmerk"), max_length=20, help_text=_("Bijvoorbeeld ZAAK-2026-000123 of het kenmerk.")
    )
    reason = models.TextField(_("reden"), max_length=1000)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    placed_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bewaarplicht")
        verbose_name_plural = _("bewaarplichten")
        ordering = ["-placed_at"]
        constraints = [models.UniqueConstraint(fields=["kind", "identification"], name="unique_legal_hold")]

    def __str__(self) -> str:
        return f"{self.kind_label} {self.identification}"


class DestructionList(models.Model):
    class State(models.TextChoices):
        TO_REVIEW = "to_review", _("te beoordelen")
        REVIEWED = "reviewed", _("wacht op goedkeuring")
        APPROVED = "approved", _("goedgekeurd, wordt vernietigd")
        DESTROYED = "destroyed", _("vernietigd")
        REJECTED = "rejected", _("afgewezen")

    OPEN_STATES = (State.TO_REVIEW, State.REVIEWED, State.APPROVED)

    number = models.CharField(_("nummer"), max_length=20, unique=True, editable=False)
    state = models.CharField(_("stand"), max_length=20, choices=State.choices, default=State.TO_REVIEW)
    created_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    # Names are kept as text: the record outlives staff accounts.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer_name = models.CharField(_("beoordeeld door"), max_length=150, blank=True)
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    approver_name = models.CharField(_("goedgekeurd door"), max_length=150, blank=True)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True)
    destroyed_at = models.DateTimeField(_("vernietigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vernietigingslijst")
        verbose_name_plural = _("vernietigingslijsten")
        ordering = ["-created_at"]
        permissions = [("approve_destructionlist", _("Kan vernietigingslijsten goedkeuren"))]

    def __str__(self) -> str:
        return self.number


class DestructionItem(KindMixin, models.Model):
    """One case or submission on a list: what identifies it, never what it said."""

    destruction_list = models.ForeignKey(DestructionList, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("soort"), max_length=20)
    object_id = models.PositiveBigIntegerField()
    identification = models.CharField(_("zaaknummer of kenmerk"), max_length=20)
    type_name = models.CharField(_("zaaktype of formulier"), max_length=200)
    created_on = models.DateField(_("ontvangen op"))
    closed_on = models.DateField(_("afgehandeld op"), null=True, blank=True)
    term_ended_on = models.DateField(_("termijn verstreken op"))
    excluded_reason = models.CharField(_("niet vernietigen, omdat"), max_length=300, blank=True)
    destroyed = models.BooleanField(_("vernietigd"), default=False)

    class Meta:
        verbose_name = _("te vernietigen item")
        verbose_name_plural = _("te vernietigen items")
        ordering = ["term_ended_on", "identification"]
        constraints = [
            models.UniqueConstraint(fields=["destruction_list", "kind", "object_id"], name="unique_destruction_item")
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return self.identification

    @property
    def excluded(self) -> bool:
        return bool(self.excluded_reason)
