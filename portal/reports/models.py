"""Reports about public space (meldingen openbare ruimte, MOR): what is wrong where, who handles it, and how it
went. Categories form a two-level tree (main category → subcategory); a report always has a subcategory."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from auth.models import LoginRecorded
from portal.core.storage import private_storage
from portal.core.translations import Text, TextTranslation, Translatable, joined

DESCRIPTION_MAX = 1000


class Category(Translatable, ClusterableModel):
    """A kind of report; its name and explanation also in the site's other languages (`translations`)."""

    TRANSLATED = ("name", "description")

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("hoofdcategorie"),
        help_text=_("Leeg voor een hoofdcategorie; meldingen krijgen altijd een subcategorie."),
    )
    name = models.CharField(_("naam"), max_length=100)
    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Vast kenmerk, ook de service_code in Open311.")
    )
    description = models.CharField(_("uitleg voor inwoners"), max_length=300, blank=True)
    team = models.ForeignKey(
        "cases.Team", on_delete=models.PROTECT, related_name="report_categories", verbose_name=_("team")
    )
    handling_days = models.PositiveSmallIntegerField(
        _("afhandeltermijn (werkdagen)"), default=5, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    is_public = models.BooleanField(
        _("openbaar"), default=True, help_text=_("Meldingen van deze soort staan op de openbare kaart en lijst.")
    )
    is_active = models.BooleanField(_("actief"), default=True, help_text=_("Inwoners kunnen deze soort kiezen."))
    photo_required = models.BooleanField(_("foto verplicht"), default=False)
    example_texts = models.TextField(
        _("voorbeeldteksten"),
        blank=True,
        help_text=_(
            "Eén per regel, zoals inwoners het zouden schrijven. Hiermee leert Loket welke soort bij een "
            "omschrijving past (opnieuw getraind met manage.py reports_train)."
        ),
    )
    questions = models.ForeignKey(
        "forms_engine.FormDefinition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("extra vragen"),
        help_text=_(
            "Een formulier met één stap, zoals 'Welk nummer staat op de lantaarnpaal?'. Gebouwd en gepubliceerd "
            "onder Formulieren, zonder bestanden (foto's vraagt de melding zelf). Leeg bij een subcategorie: de "
            "vragen van de hoofdcategorie."
        ),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("meldingscategorie")
        verbose_name_plural = _("meldingscategorieën")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def clean(self):
        if self.parent_id and (self.parent_id == self.pk or self.parent.parent_id):
            raise ValidationError({"parent": _("Kies een hoofdcategorie (zonder eigen hoofdcategorie).")})
        if self.questions_id:
            from portal.reports.questions import problems

            found = problems(self.questions)
            if found:
                raise ValidationError({"questions": found})

    def questions_form(self):
        """The form with this category's extra questions: its own, or else its main category's."""
        if self.questions_id:
            return self.questions
        return self.parent.questions if self.parent_id else None

    def examples(self) -> list[str]:
        return [line.strip() for line in self.example_texts.splitlines() if line.strip()]

    @property
    def full_name(self) -> Text:
        """The main category's name and its own, as the resident reads them (the main category's texts fetched
        along: `texts_of("category__parent")`); as `__str__`."""
        if not self.parent_id:
            return self.text.name
        return joined(" › ", (self.parent.text.name, self.text.name), dutch=(self.parent.name, self.name))


class CategoryTranslation(TextTranslation):
    category = ParentalKey(Category, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("naam"), max_length=100, blank=True, help_text=_("Leeg: de naam zoals hierboven."))
    description = models.CharField(
        _("uitleg voor inwoners"), max_length=300, blank=True, help_text=_("Leeg: zoals hierboven.")
    )

    panels = [FieldPanel("language"), FieldPanel("name"), FieldPanel("description")]

    class Meta(TextTranslation.Meta):
        constraints = [
            models.UniqueConstraint(fields=["category", "language"], name="one_report_category_text_per_language")
        ]


class District(models.Model):
    """A part of town with its own team for some kinds of report (e.g. the city centre's cleaning crew): a report
    whose spot lies inside goes to that team instead of the category's."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    boundary = models.TextField(
        _("gebied"), help_text=_("Teken de wijk op de kaart (of plak een GeoJSON Polygon in lengte- en breedtegraad).")
    )
    team = models.ForeignKey(
        "cases.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report_districts",
        verbose_name=_("team"),
        help_text=_("Leeg: meldingen gaan naar het team van hun soort; de wijk is dan alleen een filter."),
    )
    categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="districts",
        limit_choices_to={"parent__isnull": True},
        verbose_name=_("hoofdcategorieën voor dit team"),
        help_text=_("Leeg: alle soorten meldingen in deze wijk gaan naar het team van de wijk."),
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde"), default=0, help_text=_("Overlappen wijken, dan telt de eerste.")
    )

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from portal.notices.area import parse_polygon

        try:
            parse_polygon(self.boundary)
        except ValidationError as error:
            raise ValidationError({"boundary": error.messages}) from None


class ReportNumber(models.Model):
    """The last number handed out per year, so references are unique under concurrency (row lock)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class ClientApp(models.Model):
    """An app that sends reports through Open311 (GeoReport v2) with its own API key; only a digest is kept."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("app (Open311)")
        verbose_name_plural = _("apps (Open311)")

    def __str__(self) -> str:
        return self.name


class Report(LoginRecorded):
    class Status(models.TextChoices):
        RECEIVED = "gemeld", _("gemeld")
        IN_PROGRESS = "in_behandeling", _("in behandeling")
        PLANNED = "ingepland", _("ingepland")
        CLOSED = "afgehandeld", _("afgehandeld")
        REOPENED = "heropend", _("heropend")
        MERGED = "samengevoegd", _("samengevoegd")

    OPEN = (Status.RECEIVED, Status.IN_PROGRESS, Status.PLANNED, Status.REOPENED)

    class Source(models.TextChoices):
        WEB = "web", _("website")
        OPEN311 = "open311", _("app (Open311)")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("meldingnummer"), max_length=20, unique=True, editable=False)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="reports", verbose_name=_("soort"))
    team = models.ForeignKey("cases.Team", on_delete=models.PROTECT, related_name="reports", verbose_name=_("team"))
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports", verbose_name=_("wijk")
    )
    description = models.TextField(_("omschrijving"), max_length=DESCRIPTION_MAX)
    latitude = models.FloatField(_("breedtegraad"))
    longitude = models.FloatField(_("lengtegraad"))
    address = models.CharField(_("adres of plek"), max_length=200, blank=True)
    # Only the public place's name is shown to the public: a house number may be the reporter's own address.
    street = models.CharField(_("straat"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    source = models.CharField(_("bron"), max_length=10, choices=Source.choices, default=Source.WEB)
    client_app = models.ForeignKey(
        ClientApp, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports", verbose_name=_("app")
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("melder (ingelogd)"),
    )
    contact_name = models.CharField(_("naam melder"), max_length=100, blank=True)
    contact_email = models.EmailField(_("e-mailadres melder"), blank=True)
    contact_phone = models.CharField(_("telefoon melder"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    due_on = models.DateField(_("af te handelen voor"))
    closed_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("samengevoegd met")
    )
    # The extra questions as asked and answered: [{"key", "label", "value", "text"}], labels kept as the reporter
    # read them (the form may change later). Never public: an answer may hold personal data.
    answers = models.JSONField(_("antwoorden op extra vragen"), default=list, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The public map: a bounding box over the recent ones.
            models.Index(fields=["latitude", "longitude"], name="reports_position"),
            # The duplicate hint: the same category nearby, still open.
            models.Index(fields=["category", "status", "latitude"], name="reports_duplicates"),
            models.Index(fields=["team", "status", "-created_at"], name="reports_worklist"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


def _photo_path(photo, filename: str) -> str:
    return f"reports/{photo.report.created_at:%Y/%m}/{uuid.uuid4().hex}-{filename}"


class Photo(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(storage=private_storage, upload_to=_photo_path, max_length=300)
    name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    approved_public = models.BooleanField(
        _("goedgekeurd voor de openbare kaart"),
        default=False,
        help_text=_("Alleen als er geen mensen, kentekens of andere persoonsgegevens op staan."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Follower(models.Model):
    """Someone who saw the same problem and said "this is mine too": they hear what happens, and count +1."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="followers")
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="followed_reports"
    )
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "resident"], condition=models.Q(resident__isnull=False), name="reports_follow_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.resident or self.email}"


class Update(models.Model):
    """One line of a report's history: a status change (with what the reporter is told), or a note for staff."""

    class Kind(models.TextChoices):
        STATUS = "status", _("statuswijziging")
        NOTE = "note", _("interne notitie")
        FEEDBACK = "feedback", _("reactie melder")
        MERGE = "merge", _("samengevoegd")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Report.Status.choices, blank=True)
    public_text = models.TextField(_("bericht aan de melder"), blank=True, max_length=2000)
    internal_text = models.TextField(_("interne notitie"), blank=True, max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report}: {self.kind} {self.status}"


class Feedback(models.Model):
    """After "afgehandeld": is it solved? A "no" within the reopen period reopens the report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="feedback")
    solved = models.BooleanField()
    reason = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    # One answer per closing: a report reopened and closed again may be answered again.
    closed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "closed_at"], name="reports_feedback_once")]

    def __str__(self) -> str:
        return f"{self.report}: {'opgelost' if self.solved else 'niet opgelost'}"


class SuggestionModel(models.Model):
    """The trained category suggester, as plain numbers (vocabulary, idf, weights): no pickles are ever loaded."""

    trained_at = models.DateTimeField(auto_now_add=True)
    examples = models.PositiveIntegerField()
    payload = models.JSONField()

    class Meta:
        ordering = ["-trained_at", "-pk"]
        get_latest_by = "trained_at"

    def __str__(self) -> str:
        return f"{self.trained_at:%Y-%m-%d %H:%M} ({self.examples})"
