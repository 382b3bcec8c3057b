import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    """A group of staff that handles certain case types; staff see only their teams' cases."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="teams", verbose_name=_("leden")
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CaseType(models.Model):
    """A kind of request (zaaktype), with its service norm and the statuses a case of it goes through."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    public_description = models.TextField(_("omschrijving voor inwoners"), blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="case_types", verbose_name=_("team"))
    service_norm_days = models.PositiveSmallIntegerField(
        _("servicenorm (werkdagen)"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    retention_years = models.PositiveSmallIntegerField(_("bewaartermijn (jaren)"), default=7)
    residents_may_add_documents = models.BooleanField(_("inwoner mag documenten toevoegen"), default=True)

    class Meta:
        verbose_name = _("zaaktype")
        verbose_name_plural = _("zaaktypen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StatusType(models.Model):
    case_type = models.ForeignKey(CaseType, on_delete=models.CASCADE, related_name="status_types")
    order = models.PositiveSmallIntegerField(_("volgorde"))
    name = models.CharField(_("naam"), max_length=80)
    public_text = models.TextField(_("tekst voor de inwoner"), help_text=_("Wat deze status voor de inwoner betekent."))
    is_final = models.BooleanField(_("eindstatus"), default=False)

    class Meta:
        verbose_name = _("statustype")
        verbose_name_plural = _("statustypen")
        ordering = ["case_type", "order"]
        constraints = [models.UniqueConstraint(fields=["case_type", "order"], name="unique_status_order")]

    def __str__(self) -> str:
        return f"{self.case_type}: {self.name}"


class CaseNumber(models.Model):
    """The last number handed out per year, so identifications are unique under concurrency (row lock)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Case(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        COUNTER = "counter", _("balie")
        PHONE = "phone", _("telefoon")
        POST = "post", _("post")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identification = models.CharField(_("zaaknummer"), max_length=20, unique=True, editable=False)
    case_type = models.ForeignKey(CaseType, on_delete=models.PROTECT, related_name="cases", verbose_name=_("zaaktype"))
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cases", verbose_name=_("inwoner")
    )
    channel = models.CharField(_("kanaal"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    expected_on = models.DateField(_("verwacht klaar op"))
    current_status = models.ForeignKey(
        "StatusChange", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    result = models.CharField(_("resultaat"), max_length=200, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["resident", "-created_at"])]

    def __str__(self) -> str:
        return self.identification

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cases:detail", kwargs={"uuid": self.uuid})

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class StatusChange(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    status_type = models.ForeignKey(StatusType, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now_add=True)
    public_text = models.TextField(_("toelichting voor de inwoner"), blank=True)
    internal_note = models.TextField(_("interne notitie"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["set_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.status_type.name}"
