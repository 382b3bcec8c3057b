"""Proactive notices (voormeldingen): rules staff keep as data, and the notices the runner derived from them.

A notice is keyed by the resident's BSN digest, not by an account: most residents never log in, and they get a
letter instead of an inbox message. One notice per (rule, resident, period) is a database constraint, so however
often and on however many machines the runner runs, nobody hears the same thing twice."""

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel

from portal.core.translations import TextTranslation, Translatable
from portal.notices import area as area_parsing

PLACEHOLDER = re.compile(r"\{(\w+)\}")


class NoticeCategory(Translatable, ClusterableModel):
    """What a resident can switch off or choose a channel for ("Reisdocumenten", "Werkzaamheden in uw buurt");
    its name and explanation also in the site's other languages (`translations`)."""

    TRANSLATED = ("name", "description")

    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.CharField(
        _("uitleg"), max_length=300, blank=True, help_text=_("Wat inwoners in deze soort berichten krijgen.")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("soort voormelding")
        verbose_name_plural = _("soorten voormeldingen")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class NoticeCategoryTranslation(TextTranslation):
    category = ParentalKey(NoticeCategory, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("naam"), max_length=100, blank=True, help_text=_("Leeg: de naam zoals hierboven."))
    description = models.CharField(_("uitleg"), max_length=300, blank=True, help_text=_("Leeg: zoals hierboven."))

    panels = [FieldPanel("language"), FieldPanel("name"), FieldPanel("description")]

    class Meta(TextTranslation.Meta):
        constraints = [
            models.UniqueConstraint(fields=["category", "language"], name="one_notice_category_text_per_language")
        ]


class NoticeRule(Translatable, ClusterableModel):
    """Who gets which message when; its message (subject, text, link text) also in the site's other languages
    (`translations`), each resident's own language used where it has one."""

    TRANSLATED = ("subject", "body", "link_text")

    class Kind(models.TextChoices):
        TRAVEL_DOCUMENT = "travel_document", _("Reisdocument verloopt")
        WOZ = "woz", _("WOZ-voormelding")
        AREA = "area", _("Bericht voor een gebied")
        AGE = "age", _("Bereikt een leeftijd")
        MOVED_IN = "moved_in", _("Nieuw op een adres in de gemeente")

    class DocumentKind(models.TextChoices):
        ANY = "", _("Paspoort en ID-kaart")
        PASSPORT = "PN", _("Paspoort")
        ID_CARD = "NI", _("ID-kaart")

    # What each kind may put in the text, besides {naam} and {adres}.
    PLACEHOLDERS = {
        Kind.TRAVEL_DOCUMENT: {"document", "vervaldatum"},
        Kind.WOZ: {"belastingjaar"},
        Kind.AREA: set(),
        Kind.AGE: {"leeftijd", "datum"},
        Kind.MOVED_IN: {"verhuisdatum"},
    }
    COMMON_PLACEHOLDERS = {"naam", "adres"}

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=150, help_text=_("Voor medewerkers; inwoners zien het onderwerp."))
    category = models.ForeignKey(
        NoticeCategory, on_delete=models.PROTECT, related_name="rules", verbose_name=_("soort")
    )
    kind = models.CharField(_("aanleiding"), max_length=20, choices=Kind.choices)
    active = models.BooleanField(
        _("actief"), default=True, help_text=_("Alleen actieve regels worden uitgevoerd door de dagelijkse run.")
    )
    starts_on = models.DateField(_("vanaf"), null=True, blank=True, help_text=_("Leeg: meteen."))
    ends_on = models.DateField(_("tot en met"), null=True, blank=True, help_text=_("Leeg: zonder einddatum."))
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Gebruik {naam} en {adres}; bij een reisdocument ook {document} en {vervaldatum}, bij de WOZ "
            "{belastingjaar}, bij een leeftijd {leeftijd} en {datum}, bij een verhuizing {verhuisdatum}."
        ),
    )
    link_url = models.CharField(
        _("link"),
        max_length=300,
        blank=True,
        help_text=_("Een pagina van het portaal, bijvoorbeeld /afspraak/?products=paspoort voor een afspraak."),
    )
    link_text = models.CharField(_("tekst van de link"), max_length=100, blank=True)
    days_ahead = models.PositiveSmallIntegerField(
        _("aantal dagen"),
        null=True,
        blank=True,
        help_text=_(
            "Reisdocument: verloopt binnen zoveel dagen. Leeftijd: jarig binnen zoveel dagen. "
            "Verhuizing: verhuisd in de afgelopen zoveel dagen."
        ),
    )
    document_kind = models.CharField(
        _("reisdocument"), max_length=2, blank=True, choices=DocumentKind.choices, default=DocumentKind.ANY
    )
    age = models.PositiveSmallIntegerField(_("leeftijd"), null=True, blank=True)
    tax_year = models.PositiveSmallIntegerField(
        _("belastingjaar"), null=True, blank=True, help_text=_("WOZ: het jaar van de aanslag waarover het gaat.")
    )
    case_type = models.ForeignKey(
        "cases.CaseType",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("zaaktype voor correcties"),
        help_text=_("WOZ: een correctie van een inwoner wordt een zaak van dit type."),
    )
    area_geojson = models.TextField(
        _("getekend gebied"), blank=True, help_text=_("Teken het gebied op de kaart (of plak een GeoJSON-vlak).")
    )
    area_postcodes = models.TextField(
        _("postcodes"),
        blank=True,
        help_text=_("Gescheiden door spaties of komma's: 1234AB, of 1234 voor het hele gebied."),
    )
    area_neighbourhoods = models.TextField(
        _("wijkcodes"), blank=True, help_text=_("CBS-wijkcodes gescheiden door spaties of komma's, zoals WK999901.")
    )
    approved_at = models.DateTimeField(_("verzending goedgekeurd op"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voormeldingsregel")
        verbose_name_plural = _("voormeldingsregels")
        ordering = ["category__order", "name"]

    def __str__(self) -> str:
        return self.name

    def area(self) -> area_parsing.Area:
        postcodes, postcode_areas = area_parsing.parse_postcodes(self.area_postcodes)
        return area_parsing.Area(
            polygon=area_parsing.parse_polygon(self.area_geojson),
            postcodes=postcodes,
            postcode_areas=postcode_areas,
            neighbourhoods=area_parsing.parse_neighbourhoods(self.area_neighbourhoods),
        )

    def placeholder_errors(self, texts) -> dict:
        """Per text (an object with `subject` and `body`: the rule or a translation of it), the placeholders this
        rule's kind does not fill in."""
        errors = {}
        allowed = self.COMMON_PLACEHOLDERS | self.PLACEHOLDERS.get(self.kind, set())
        for field_name in ("subject", "body"):
            unknown = sorted(set(PLACEHOLDER.findall(getattr(texts, field_name) or "")) - allowed)
            if unknown:
                errors[field_name] = _("Onbekend in deze tekst: %(names)s. Mogelijk zijn: %(allowed)s.") % {
                    "names": ", ".join(f"{{{name}}}" for name in unknown),
                    "allowed": ", ".join(f"{{{name}}}" for name in sorted(allowed)),
                }
        return errors

    def clean(self):
        errors = self.placeholder_errors(self)
        if self.link_url and not (self.link_url.startswith("/") and not self.link_url.startswith("//")):
            errors["link_url"] = _("Een link naar een pagina van het portaal begint met één /.")
        if self.link_url and not self.link_text:
            errors["link_text"] = _("Geef de link een tekst, zoals 'Maak een afspraak'.")
        if self.kind in (self.Kind.TRAVEL_DOCUMENT, self.Kind.AGE, self.Kind.MOVED_IN) and not self.days_ahead:
            errors["days_ahead"] = _("Vul in hoeveel dagen.")
        if self.kind == self.Kind.AGE and self.age is None:
            errors["age"] = _("Vul de leeftijd in.")
        if self.kind == self.Kind.WOZ and self.tax_year is None:
            errors["tax_year"] = _("Vul het belastingjaar in.")
        if self.kind == self.Kind.WOZ and self.case_type_id is None:
            errors["case_type"] = _("Kies het zaaktype waarin correcties binnenkomen.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("De einddatum ligt voor de begindatum.")
        if self.kind == self.Kind.AREA:
            errors.update(self._area_errors())
        if errors:
            raise ValidationError(errors)

    def _area_errors(self) -> dict:
        errors = {}
        for field_name, parse in (
            ("area_geojson", area_parsing.parse_polygon),
            ("area_postcodes", area_parsing.parse_postcodes),
            ("area_neighbourhoods", area_parsing.parse_neighbourhoods),
        ):
            try:
                parse(getattr(self, field_name))
            except ValidationError as error:
                errors[field_name] = error.messages
        if not errors and not (
            self.area_geojson.strip() or self.area_postcodes.strip() or self.area_neighbourhoods.strip()
        ):
            errors["area_geojson"] = _("Kies het gebied: teken het op de kaart, of geef postcodes of wijkcodes.")
        return errors


class NoticeRuleTranslation(TextTranslation):
    """The rule's message in another language; what is left empty is sent in Dutch."""

    rule = ParentalKey(NoticeRule, on_delete=models.CASCADE, related_name="translations")
    subject = models.CharField(_("onderwerp"), max_length=200, blank=True, help_text=_("Leeg: zoals hierboven."))
    body = models.TextField(
        _("tekst"), blank=True, help_text=_("Met dezelfde namen tussen { } als hierboven. Leeg: zoals hierboven.")
    )
    link_text = models.CharField(
        _("tekst van de link"), max_length=100, blank=True, help_text=_("Leeg: zoals hierboven.")
    )

    panels = [FieldPanel("language"), FieldPanel("subject"), FieldPanel("body"), FieldPanel("link_text")]

    class Meta(TextTranslation.Meta):
        constraints = [models.UniqueConstraint(fields=["rule", "language"], name="one_notice_rule_text_per_language")]

    def clean(self):
        errors = self.rule.placeholder_errors(self)
        if errors:
            raise ValidationError(errors)


class LetterBatch(models.Model):
    """Notices for residents we can only reach by post, printed together by the post room."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    printed_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("brievenbatch")
        verbose_name_plural = _("brievenbatches")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"


class Notice(models.Model):
    class Channel(models.TextChoices):
        INBOX = "inbox", _("Alleen in Mijn Loket")
        EMAIL = "email", _("In Mijn Loket en per e-mail")
        SMS = "sms", _("In Mijn Loket en per sms")
        LETTER = "letter", _("Per brief")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    rule = models.ForeignKey(NoticeRule, on_delete=models.PROTECT, related_name="notices")
    resident_key = models.CharField(max_length=64, help_text="BSN digest")
    period = models.CharField(max_length=40, help_text="what the notice is about, e.g. the document's expiry date")
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    context = models.JSONField(default=dict, help_text="values for the text's placeholders")
    postal_name = models.CharField(max_length=200, blank=True)
    postal_address = models.CharField(max_length=200, blank=True, help_text="two lines, separated by a newline")
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivery_token = models.UUIDField(null=True, blank=True, db_index=True, help_text="the runner that delivered it")
    message = models.OneToOneField(
        "inbox.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="notice"
    )
    letter_batch = models.ForeignKey(
        LetterBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )
    notified_at = models.DateTimeField(null=True, blank=True, help_text="e-mail or SMS about the inbox message sent")

    class Meta:
        verbose_name = _("voormelding")
        verbose_name_plural = _("voormeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "resident_key", "period"], name="one_notice_per_rule_resident_period"
            )
        ]
        indexes = [models.Index(fields=["rule", "delivered_at"])]

    def __str__(self) -> str:
        return f"{self.rule} ({self.created_at:%Y-%m-%d})"


class NoticePreference(models.Model):
    """A resident's choice for one category; without a row they get it in Mijn Loket and by e-mail."""

    class Choice(models.TextChoices):
        OFF = "off", _("Niet ontvangen")
        INBOX = "inbox", _("Alleen in Mijn Loket")
        EMAIL = "email", _("In Mijn Loket en per e-mail")
        SMS = "sms", _("In Mijn Loket en per sms")

    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences")
    category = models.ForeignKey(NoticeCategory, on_delete=models.CASCADE, related_name="+")
    DEFAULT = Choice.EMAIL
    choice = models.CharField(max_length=10, choices=Choice.choices, default=DEFAULT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["resident", "category"], name="one_notice_preference")]

    def __str__(self) -> str:
        return f"{self.category}: {self.get_choice_display()}"


class WozReview(models.Model):
    """One WOZ object's registered characteristics, shown to its owner to confirm or correct before the
    assessment. A snapshot of what the pre-notice showed, so the answer refers to exactly that."""

    class Status(models.TextChoices):
        OPEN = "open", _("Nog niet beantwoord")
        CONFIRMED = "confirmed", _("Bevestigd")
        CORRECTED = "corrected", _("Correctie doorgegeven")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    rule = models.ForeignKey(NoticeRule, on_delete=models.PROTECT, related_name="woz_reviews")
    resident_key = models.CharField(max_length=64)
    woz_identification = models.CharField(max_length=16)
    address = models.CharField(max_length=200)
    dwelling_type = models.CharField(max_length=60)
    floor_area = models.PositiveIntegerField()
    build_year = models.PositiveSmallIntegerField()
    draft_value = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answered_at = models.DateTimeField(null=True, blank=True)
    corrected_floor_area = models.PositiveIntegerField(_("juiste oppervlakte (m²)"), null=True, blank=True)
    corrected_build_year = models.PositiveSmallIntegerField(_("juist bouwjaar"), null=True, blank=True)
    corrected_dwelling_type = models.CharField(_("juist soort woning"), max_length=60, blank=True)
    explanation = models.TextField(_("toelichting"), blank=True)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("WOZ-voormelding")
        verbose_name_plural = _("WOZ-voormeldingen")
        ordering = ["address"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "resident_key", "woz_identification"], name="one_woz_review_per_rule_object"
            )
        ]

    def __str__(self) -> str:
        return f"WOZ {self.woz_identification}"
