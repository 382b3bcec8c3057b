import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin
from wagtail.search import index

from auth import loa
from forms_engine import schema
from forms_engine.blocks import StepsBlock
from portal.core.storage import private_storage

REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U


def new_reference() -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(8))
    return f"LK-{code[:4]}-{code[4:]}"


class FormDefinition(DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """A request form editors build: steps with fields, logic rules, and what happens on submission. Residents
    always fill in the published revision they started on."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(
        _("korte naam"), max_length=80, unique=True, help_text=_("Voor het webadres en de opgeslagen gegevens.")
    )
    intro = models.TextField(_("inleiding"), blank=True, help_text=_("Wat de inwoner vooraf moet weten."))
    login_required = models.BooleanField(
        _("inloggen met DigiD verplicht"), default=True, help_text=_("Uit: ook zonder inloggen in te vullen.")
    )
    required_loa = models.CharField(
        _("betrouwbaarheidsniveau"), max_length=80, choices=loa.LEVELS, default=loa.MIDDEN, blank=True
    )
    privacy_url = models.URLField(_("link naar de privacyverklaring"), blank=True)
    confirmation_text = models.TextField(
        _("tekst na het versturen"), blank=True, help_text=_("Wat er nu gebeurt, en wanneer de inwoner iets hoort.")
    )
    case_type = models.ForeignKey(
        "cases.CaseType",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("zaaktype"),
        help_text=_("De aanvraag wordt als zaak van dit type geregistreerd."),
    )
    max_submissions_per_day = models.PositiveSmallIntegerField(
        _("maximaal aantal inzendingen per inwoner per dag"),
        default=0,
        validators=[MaxValueValidator(1000)],
        help_text=_("0 is onbeperkt."),
    )
    steps = StreamField(StepsBlock(), verbose_name=_("stappen"), blank=False)
    rules = models.JSONField(
        _("regels (JsonLogic)"),
        default=list,
        blank=True,
        help_text=_(
            'Een lijst van regels, bijvoorbeeld [{"when": {"==": [{"var": "gehuwd"}, true]}, "then": "show", '
            '"target": "partner_naam"}]. "then" is show, hide, require, skip_step of set_value (met "value").'
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("login_required"), FieldPanel("required_loa"), FieldPanel("max_submissions_per_day")],
            heading=_("Toegang"),
        ),
        MultiFieldPanel(
            [FieldPanel("privacy_url"), FieldPanel("confirmation_text"), FieldPanel("case_type")],
            heading=_("Na het versturen"),
        ),
        FieldPanel("steps"),
        FieldPanel("rules"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("formulier")
        verbose_name_plural = _("formulieren")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def build_schema(self) -> dict:
        return schema.build(steps_stream=self.steps, rules=self.rules)

    def clean(self):
        super().clean()
        if self.login_required and not self.required_loa:
            raise ValidationError({"required_loa": _("Kies het niveau waarop de inwoner moet inloggen.")})
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


class Submission(models.Model):
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
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("inzending")
        verbose_name_plural = _("inzendingen")
        ordering = ["-created_at"]

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
