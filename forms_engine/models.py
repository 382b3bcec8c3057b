import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from auth import loa
from auth.models import LoginRecorded
from forms_engine import schema
from forms_engine.admin_forms import FormDefinitionAdminForm
from forms_engine.blocks import StepsBlock
from forms_engine.widgets import FormNameWidget, RuleBuilderWidget
from portal.core.preview import FramedPreviewMixin
from portal.core.references import random_reference
from portal.core.storage import private_storage
from portal.core.translations import TextTranslation, Translatable


def new_reference() -> str:
    return random_reference("LK")


class FormDefinition(
    Translatable,
    FramedPreviewMixin,
    PreviewableMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    models.Model,
):
    """A request form editors build: steps with fields, logic rules, and what happens on submission. Residents
    always fill in the published revision they started on. Its texts in other languages: `FormTranslation`."""

    TRANSLATED = ("name", "intro", "confirmation_text", "confirmation_email")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(
        _("korte naam"), max_length=80, unique=True, help_text=_("Voor het webadres en de opgeslagen gegevens.")
    )
    intro = models.TextField(_("inleiding"), blank=True, help_text=_("Wat de inwoner vooraf moet weten."))

    class Logins(models.TextChoices):
        DIGID = "digid", _("inwoners, met DigiD")
        EHERKENNING = "eherkenning", _("ondernemers en organisaties, met eHerkenning")
        BOTH = "both", _("inwoners (DigiD) en ondernemers (eHerkenning)")

    login_required = models.BooleanField(
        _("inloggen verplicht"), default=True, help_text=_("Uit: ook zonder inloggen in te vullen.")
    )
    logins = models.CharField(
        _("voor wie"),
        max_length=20,
        choices=Logins.choices,
        default=Logins.DIGID,
        help_text=_("Wie het formulier mag invullen, en dus met welk middel wordt ingelogd."),
    )
    standalone = models.BooleanField(
        _("zelfstandig in te vullen"),
        default=True,
        help_text=_(
            "Uit: alleen als onderdeel van iets anders, zoals de extra vragen bij een soort melding. Het formulier "
            "heeft dan geen eigen webadres."
        ),
    )
    required_loa = models.CharField(
        _("betrouwbaarheidsniveau DigiD"), max_length=80, choices=loa.LEVELS, default=loa.MIDDEN, blank=True
    )
    eherkenning_loa = models.CharField(
        _("betrouwbaarheidsniveau eHerkenning"),
        max_length=80,
        choices=loa.EH_LEVELS,
        default=loa.EH3,
        help_text=_("Alleen als ondernemers het formulier invullen."),
    )
    mandate_service = models.UUIDField(
        _("dienst voor machtigingen (ServiceUUID)"),
        null=True,
        blank=True,
        help_text=_(
            "Waaronder de gemeente dit formulier heeft aangemeld bij DigiD Machtigen en eHerkenning bewindvoering. "
            "Ingevuld: een gemachtigde of bewindvoerder kan het invullen namens de inwoner. Leeg: alleen voor uzelf."
        ),
    )
    privacy_url = models.URLField(_("link naar de privacyverklaring"), blank=True)
    confirmation_text = models.TextField(
        _("tekst na het versturen"), blank=True, help_text=_("Wat er nu gebeurt, en wanneer de inwoner iets hoort.")
    )
    confirmation_email = models.TextField(
        _("bevestigingsmail"),
        blank=True,
        help_text=_(
            "Tekst van de bevestigingsmail. U kunt {formulier}, {kenmerk} en {datum} gebruiken; antwoorden en het "
            "BSN staan er nooit in. Leeg: een standaardtekst met de tekst na het versturen."
        ),
    )
    case_type = models.ForeignKey(
        "cases.CaseType",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("zaaktype"),
        help_text=_("De aanvraag wordt als zaak van dit type geregistreerd."),
    )
    submission_retention_years = models.PositiveSmallIntegerField(
        _("bewaartermijn van inzendingen zonder zaak (jaren)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Zo lang na het versturen blijft een inzending bewaard die geen zaak werd. Werd zij een zaak, dan geldt "
            "de bewaartermijn van het zaaktype en gaat de inzending mee met de zaak."
        ),
    )
    max_submissions_per_day = models.PositiveSmallIntegerField(
        _("maximaal aantal inzendingen per inwoner per dag"),
        default=0,
        validators=[MaxValueValidator(1000)],
        help_text=_("0 is onbeperkt."),
    )
    steps = StreamField(StepsBlock(), verbose_name=_("stappen"), blank=False)
    rules = models.JSONField(
        _("regels"),
        default=list,
        blank=True,
        help_text=_(
            "Als een antwoord zo is, toon of verberg dan een vraag of stap, maak een vraag verplicht of vul een "
            "waarde in. Regels die de bouwer niet kan tonen, staan onder Geavanceerd."
        ),
    )

    destinations = models.JSONField(
        _("extra bestemmingen"),
        default=list,
        blank=True,
        help_text=_(
            'Naast de zaak (als er een zaaktype is gekozen), bijvoorbeeld [{"type": "email", "to": "team@gemeente.nl", '
            '"mode": "link"}] of [{"type": "webhook", "url": "https://...", "secret_env": "WEBHOOK_SECRET"}].'
        ),
    )
    payment_amount_field = models.CharField(
        _("bedrag uit vraag"),
        max_length=50,
        blank=True,
        help_text=_(
            "Technische naam van de vraag met het bedrag, bijvoorbeeld leges (berekend met een regel). Leeg: er "
            "valt niets te betalen. Bij het betalen rekent Loket het bedrag opnieuw uit met de regels."
        ),
    )
    payment_before_registration = models.BooleanField(
        _("pas registreren na betaling"),
        default=True,
        help_text=_("Uit: de aanvraag wordt meteen geregistreerd, gemarkeerd als nog niet betaald."),
    )
    payment_ledger_code = models.CharField(
        _("grootboekrekening"), max_length=30, blank=True, help_text=_("Voor de financiële export.")
    )

    panels = [
        FieldPanel("name", widget=FormNameWidget),
        FieldPanel("slug"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("standalone"),
                FieldPanel("login_required"),
                FieldPanel("logins"),
                FieldPanel("required_loa"),
                FieldPanel("eherkenning_loa"),
                FieldPanel("mandate_service"),
                FieldPanel("max_submissions_per_day"),
            ],
            heading=_("Toegang"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("privacy_url"),
                FieldPanel("confirmation_text"),
                FieldPanel("confirmation_email"),
                FieldPanel("case_type"),
                FieldPanel("destinations"),
                FieldPanel("submission_retention_years"),
            ],
            heading=_("Na het versturen"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("payment_amount_field"),
                FieldPanel("payment_before_registration"),
                FieldPanel("payment_ledger_code"),
            ],
            heading=_("Betalen"),
        ),
        FieldPanel("steps"),
        FieldPanel("rules", widget=RuleBuilderWidget),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    base_form_class = FormDefinitionAdminForm

    class Meta:
        verbose_name = _("formulier")
        verbose_name_plural = _("formulieren")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def build_schema(self) -> dict:
        return schema.build(steps_stream=self.steps, rules=self.rules)

    @property
    def preview_modes(self):
        from forms_engine.preview import preview_modes

        return preview_modes()

    def get_preview_template(self, request, mode_name):
        return "forms_engine/preview.html"

    def get_preview_context(self, request, mode_name):
        from forms_engine.preview import preview_context

        return {**super().get_preview_context(request, mode_name), **preview_context(self, mode_name)}

    def keys_by_block(self) -> dict[str, str]:
        """{block id: technical name} of every step and question."""
        keys = {}
        for step in self.steps:
            keys[step.id] = step.value["key"]
            keys.update((item.id, item.value["key"]) for item in step.value["fields"])
        return keys

    def stored_keys(self) -> set[str]:
        """The technical names as stored (the live content), which submissions may be using."""
        return set(FormDefinition.objects.get(pk=self.pk).keys_by_block().values())

    def _frozen_name_problems(self) -> dict[str, str]:
        """Once residents have sent the form, its short name and the names of its steps and questions stay: the
        answers are stored and found under them. Removing a question or adding one is still fine."""
        if not self.pk or not self.submissions.exists():
            return {}
        stored = FormDefinition.objects.get(pk=self.pk)
        problems = {}
        if self.slug != stored.slug:
            problems["slug"] = _("Er zijn al inzendingen: de korte naam blijft %(slug)s.") % {"slug": stored.slug}
        before = stored.keys_by_block()
        changed = sorted(
            f"{before[block_id]} → {key}"
            for block_id, key in self.keys_by_block().items()
            if block_id in before and before[block_id] != key
        )
        if changed:
            problems["steps"] = _(
                "Er zijn al inzendingen: technische namen kunnen niet meer veranderen (%(names)s)."
            ) % {"names": ", ".join(changed)}
        return problems

    @property
    def accepts_digid(self) -> bool:
        return self.logins != self.Logins.EHERKENNING

    @property
    def accepts_eherkenning(self) -> bool:
        return self.logins != self.Logins.DIGID

    def clean(self):
        super().clean()
        if self.login_required and self.accepts_digid and not self.required_loa:
            raise ValidationError({"required_loa": _("Kies het niveau waarop de inwoner moet inloggen.")})
        if self.mandate_service and not (self.login_required and self.accepts_digid):
            raise ValidationError(
                {"mandate_service": _("Namens iemand anders kan alleen bij een formulier voor inwoners met inloggen.")}
            )
        frozen = self._frozen_name_problems()
        if frozen:
            raise ValidationError(frozen)
        built = self.build_schema()
        duplicates = schema.duplicate_keys(built)
        if duplicates:
            # The steps block says so next to the steps in the editor; this guards forms saved any other way.
            raise ValidationError(
                _("Elke technische naam mag maar één keer voorkomen: %(names)s.")
                % {"names": ", ".join(sorted(duplicates))}
            )
        problems = schema.validate_rules(built)
        if problems:
            raise ValidationError({"rules": problems})
        problems = self.destination_problems()
        if problems:
            raise ValidationError({"destinations": problems})
        if self.payment_amount_field:
            amount_field = schema.CompiledForm.from_schema(built).fields.get(self.payment_amount_field)
            if amount_field is None or amount_field["type"] not in ("currency", "number"):
                raise ValidationError(
                    {
                        "payment_amount_field": _(
                            "Kies de technische naam van een bedrag- of getalvraag in dit formulier."
                        )
                    }
                )

    def destination_problems(self) -> list[str]:
        from forms_engine.destinations.registry import registry

        if not isinstance(self.destinations, list):
            return [_("De bestemmingen zijn een lijst: [ {...}, {...} ].")]
        problems = []
        for item in self.destinations:
            kind = item.get("type") if isinstance(item, dict) else None
            if kind not in registry or kind == "case":
                problems.append(_("Onbekende bestemming %(type)r.") % {"type": kind})
            else:
                problems += registry[kind].validate_options(item)
        return problems

    def registration_targets(self) -> list[tuple[str, dict]]:
        """Where a submission of this form goes: the case first (when there is a case type), then the rest."""
        targets = [("case", {})] if self.case_type_id else []
        return targets + [(item["type"], item) for item in self.destinations]


class FormTranslation(TextTranslation):
    """A form's texts in one other language, written side by side with the Dutch ones (forms_engine/translate.py):
    its name, intro and confirmation texts, and its steps' texts by path (forms_engine/translation.py). `sources`
    keeps the Dutch text each translation was made from, so editors see which ones the Dutch has since outgrown.
    Not part of the form's revisions: a translation applies to every revision with the same texts, and publishing
    the Dutch form never waits for it."""

    form = models.ForeignKey(FormDefinition, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("naam"), max_length=200, blank=True)
    intro = models.TextField(_("inleiding"), blank=True)
    confirmation_text = models.TextField(_("tekst na het versturen"), blank=True)
    confirmation_email = models.TextField(_("bevestigingsmail"), blank=True)
    texts = models.JSONField(_("teksten van de stappen"), default=dict, blank=True)
    sources = models.JSONField(_("vertaald uit"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(TextTranslation.Meta):
        constraints = [models.UniqueConstraint(fields=["form", "language"], name="one_form_text_per_language")]

    def __str__(self) -> str:
        return f"{self.form} ({self.get_language_display()})"


class Submission(LoginRecorded):
    """A sent form: the answers as JSON with the exact form (schema snapshot and revision) they were given on."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("kenmerk"), max_length=12, unique=True, default=new_reference, editable=False)
    form = models.ForeignKey(FormDefinition, on_delete=models.PROTECT, related_name="submissions")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+")
    schema = models.JSONField()
    data = models.JSONField()
    prefilled = models.JSONField(default=list, help_text=_("Vragen die uit de basisregistraties kwamen."))
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="submissions"
    )
    language = models.CharField(max_length=10, default="nl")

    class PaymentStatus(models.TextChoices):
        NONE = "", _("Niets te betalen")
        OPEN = "open", _("Nog niet betaald")
        PAID = "paid", _("Betaald")

    payment_status = models.CharField(
        _("betaling"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.NONE, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    receipt = models.FileField(storage=private_storage, upload_to="receipts/", max_length=300, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inzending")
        verbose_name_plural = _("inzendingen")
        ordering = ["-created_at"]
        permissions = [("assist_resident", _("Formulieren invullen namens een inwoner (balie, telefoon)"))]

    def __str__(self) -> str:
        return self.reference


def _upload_path(instance, filename: str) -> str:
    return f"forms/{instance.uuid}/{filename}"


class Upload(models.Model):
    """A checked file a resident attached while filling in a form; it belongs to a submission once sent.
    Until then it is tied to the wizard session (or the resident's draft) that uploaded it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, null=True, blank=True, related_name="uploads")
    field_key = models.CharField(max_length=50)
    file = models.FileField(storage=private_storage, upload_to=_upload_path, max_length=300)
    name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.name

    def checked(self):
        """The stored (already checked) file, to hand on as a case document or attachment."""
        from django.core.files.base import ContentFile

        from portal.core.uploads import CheckedUpload

        with self.file.open("rb") as handle:
            data = handle.read()
        return CheckedUpload(ContentFile(data, name=self.name), self.name, self.content_type, len(data))

    def as_answer(self) -> dict:
        return {"uuid": str(self.uuid), "name": self.name, "size": self.size, "content_type": self.content_type}


class Draft(models.Model):
    """A logged-in resident's unfinished form, kept on the server so they can go on later, from any device."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    form = models.ForeignKey(FormDefinition, on_delete=models.CASCADE, related_name="drafts")
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="form_drafts")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    state = models.JSONField(help_text=_("De stand van de wizard: antwoorden per stap."))
    step_title = models.CharField(max_length=120, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)
    # The resident hands the draft to the counter or the phone: staff finish it with this code (forms_engine/assist).
    handover_code = models.CharField(max_length=8, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepten")
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["form", "resident"], name="one_draft_per_form_per_resident")]

    def __str__(self) -> str:
        return f"{self.form}: {self.step_title}"


class ResumeLink(models.Model):
    """An anonymous resident's way back to an unfinished form: a signed link by e-mail, good once, for 7 days."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    form = models.ForeignKey(FormDefinition, on_delete=models.CASCADE, related_name="+")
    state = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("link om verder te gaan")
        verbose_name_plural = _("links om verder te gaan")

    def __str__(self) -> str:
        return str(self.form)


class Registration(models.Model):
    """One destination's delivery of one submission, with its attempts: what staff look at when a request did
    not arrive, and what the retry runner works from. Unique per submission and destination."""

    class State(models.TextChoices):
        PENDING = "pending", _("Wordt afgeleverd")
        DONE = "done", _("Afgeleverd")
        FAILED = "failed", _("Mislukt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="registrations")
    destination = models.CharField(_("bestemming"), max_length=30)
    options = models.JSONField(default=dict)
    state = models.CharField(_("stand"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)
    next_try_at = models.DateTimeField(_("volgende poging"), null=True, blank=True, db_index=True)
    running_until = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "destination"], name="one_registration_per_destination")
        ]

    def __str__(self) -> str:
        return f"{self.submission} → {self.destination}"
