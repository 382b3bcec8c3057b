import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.storage import private_storage
from portal.core.translations import TextTranslation, Translatable

# Wagtail hook for other apps to show something on a staff case page without this app importing them:
# `fn(*, request, case) -> {"id", "title", "html"} | None`. The provider audit-logs what it shows.
CASE_SECTIONS_HOOK = "loket_case_sections"


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


class CaseType(Translatable, models.Model):
    """A kind of request (zaaktype), with its service norm and the statuses a case of it goes through. What residents
    read of it (its name and description, its statuses' names and texts) also in the site's other languages
    (`translations`, written side by side: portal/cases/translate.py)."""

    TRANSLATED = ("name", "public_description")

    name = models.CharField(_("naam"), max_length=120, unique=True)
    public_description = models.TextField(_("omschrijving voor inwoners"), blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="case_types", verbose_name=_("team"))
    service_norm_days = models.PositiveSmallIntegerField(
        _("servicenorm (werkdagen)"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )

    class ArchiveAction(models.TextChoices):
        DESTROY = "vernietigen", _("vernietigen na de bewaartermijn")
        KEEP = "bewaren", _("blijvend bewaren (overbrengen naar het e-depot)")

    archive_action = models.CharField(
        _("archiefnominatie"),
        max_length=20,
        choices=ArchiveAction.choices,
        default=ArchiveAction.DESTROY,
        help_text=_("Volgens de Selectielijst gemeenten en intergemeentelijke organen."),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("bewaartermijn (jaren na afhandeling)"),
        default=7,
        validators=[MaxValueValidator(120)],
        help_text=_("Bij 'vernietigen': zoveel jaar na het afsluiten van de zaak komt zij op een vernietigingslijst."),
    )
    selection_list_category = models.CharField(
        _("categorie selectielijst"), max_length=20, blank=True, help_text=_("Bijvoorbeeld 1.1.2.")
    )
    residents_may_add_documents = models.BooleanField(_("inwoner mag documenten toevoegen"), default=True)

    class Meta:
        verbose_name = _("zaaktype")
        verbose_name_plural = _("zaaktypen")
        ordering = ["name"]
        permissions = [("translate_casetype", _("Teksten van zaaktypen voor inwoners in andere talen schrijven"))]

    def __str__(self) -> str:
        return self.name


class CaseTypeTranslation(TextTranslation):
    case_type = models.ForeignKey(CaseType, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("naam"), max_length=120, blank=True)
    public_description = models.TextField(_("omschrijving voor inwoners"), blank=True)

    class Meta(TextTranslation.Meta):
        constraints = [
            models.UniqueConstraint(fields=["case_type", "language"], name="one_case_type_text_per_language")
        ]


class StatusType(Translatable, models.Model):
    TRANSLATED = ("name", "public_text")

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


class StatusTypeTranslation(TextTranslation):
    status_type = models.ForeignKey(StatusType, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("naam"), max_length=80, blank=True)
    public_text = models.TextField(_("tekst voor de inwoner"), blank=True)

    class Meta(TextTranslation.Meta):
        constraints = [models.UniqueConstraint(fields=["status_type", "language"], name="one_status_text_per_language")]


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
    # The form submission this case came from; unique, so registering a submission twice finds the first case.
    submission_uuid = models.UUIDField(_("inzending"), null=True, blank=True, unique=True, editable=False)
    submission_reference = models.CharField(_("kenmerk van de aanvraag"), max_length=12, blank=True, editable=False)
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    expected_on = models.DateField(_("verwacht klaar op"))
    current_status = models.ForeignKey(
        "StatusChange", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    suspended_days = models.PositiveSmallIntegerField(
        _("opgeschort (werkdagen)"), default=0, help_text=_("Werkdagen dat de zaak op de inwoner wachtte.")
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


class InformationRequest(models.Model):
    """Staff ask the resident for something; the case waits for the resident until it is answered."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="information_requests")
    question = models.TextField(_("vraag"))
    deadline = models.DateField(_("uiterste datum"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("antwoord"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("vraag aan de inwoner")
        verbose_name_plural = _("vragen aan inwoners")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.question[:40]}"


def _document_path(document, filename: str) -> str:
    return f"cases/{document.case.uuid}/{uuid.uuid4().hex}-{filename}"


class Document(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(storage=private_storage, upload_to=_document_path, max_length=300)
    name = models.CharField(_("naam"), max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    from_resident = models.BooleanField(default=False)
    information_request = models.ForeignKey(
        InformationRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name


class ContactMoment(models.Model):
    """Every interaction with a resident about a case, in one place for staff and resident (the klantbeeld)."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Aanvraag ontvangen")
        STATUS = "status", _("Status gewijzigd")
        # Labels as staff read them; residents read RESIDENT_LABELS, written to them.
        QUESTION_TO_RESIDENT = "question_to_resident", _("Vraag aan inwoner gesteld")
        ANSWER = "answer", _("Antwoord van inwoner ontvangen")
        MESSAGE = "message", _("Bericht aan inwoner gestuurd")
        QUESTION_FROM_RESIDENT = "question_from_resident", _("Vraag van inwoner ontvangen")
        DOCUMENT = "document", _("Document toegevoegd")
        # Staff only: never shown to the resident.
        INTERNAL_NOTE = "internal_note", _("Interne notitie")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contact_moments")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Case.Channel.choices, default=Case.Channel.ONLINE)
    text = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["at", "pk"]

    RESIDENT_LABELS = {
        Kind.QUESTION_TO_RESIDENT: _("Vraag aan u gesteld"),
        Kind.ANSWER: _("Antwoord van u ontvangen"),
        Kind.MESSAGE: _("Bericht aan u gestuurd"),
        Kind.QUESTION_FROM_RESIDENT: _("Vraag van u ontvangen"),
    }

    def __str__(self) -> str:
        return f"{self.case}: {self.get_kind_display()}"

    @property
    def resident_label(self) -> str:
        """What the moment is called on the resident's own case page."""
        return self.RESIDENT_LABELS.get(self.kind, self.get_kind_display())
