"""Satisfaction answers, and the service figures refreshed from them and from the cases once a day.

An answer carries what it is about (the kind of journey, the product or case type, the team) and a keyed hash of
the journey, which lets Loket ask once per journey without storing who answered."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Journey(models.TextChoices):
    FORM = "form", _("Aanvraag versturen")
    CASE = "case", _("Zaak afgehandeld")
    APPOINTMENT = "appointment", _("Afspraak")
    PAYMENT = "payment", _("Betaling")
    REPORT = "report", _("Melding openbare ruimte")


class Satisfaction(models.Model):
    journey = models.CharField(_("klantreis"), max_length=20, choices=Journey.choices)
    subject = models.CharField(_("onderwerp"), max_length=200)
    case_type = models.ForeignKey(
        "cases.CaseType", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("zaaktype")
    )
    team = models.ForeignKey(
        "cases.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("team")
    )
    journey_key = models.CharField(max_length=64, unique=True, editable=False)
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("toelichting"), blank=True, max_length=1000)
    answered_on = models.DateField(_("beantwoord op"), auto_now_add=True)

    class Meta:
        verbose_name = _("tevredenheidsantwoord")
        verbose_name_plural = _("tevredenheidsantwoorden")
        ordering = ["-answered_on", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="score_1_to_5")]
        permissions = [("view_service_figures", _("Mag de dienstverleningscijfers en opmerkingen inzien"))]

    def __str__(self) -> str:
        return f"{self.get_journey_display()}: {self.subject} ({self.score})"


class Dataset(models.TextChoices):
    CASES = "zaken", _("Zaken per zaaktype per maand")
    SATISFACTION = "tevredenheid", _("Tevredenheid per klantreis per maand")


class MonthlyFigure(models.Model):
    """One row of a dataset as the daily refresh computed it; never edited by hand."""

    dataset = models.CharField(max_length=20, choices=Dataset.choices)
    journey = models.CharField(max_length=20, choices=Journey.choices, blank=True)
    subject = models.CharField(max_length=200)
    team = models.ForeignKey("cases.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    month = models.DateField()
    handled = models.PositiveIntegerField(default=0)
    within_norm = models.PositiveIntegerField(default=0)
    overdue_open = models.PositiveIntegerField(default=0)
    median_days = models.FloatField(null=True)
    p90_days = models.FloatField(null=True)
    answers = models.PositiveIntegerField(default=0)
    score_sum = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["dataset", "subject", "month"]
        indexes = [models.Index(fields=["dataset", "month"])]

    def __str__(self) -> str:
        return f"{self.dataset} {self.subject} {self.month:%Y-%m}"


class Chart(models.Model):
    """A chart of one subject's figures, drawn at refresh time so the public page only sends it."""

    subject = models.CharField(max_length=200, unique=True)
    svg = models.TextField()

    def __str__(self) -> str:
        return self.subject


class Refresh(models.Model):
    finished_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField()

    class Meta:
        ordering = ["-finished_at"]
        get_latest_by = "finished_at"

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M}"
