"""Appointments: what can be booked (products), where (locations), with whom or in which room (resources), when
(opening hours and schedules), and the bookings themselves; and the wedding planner's ceremonies and reservations.

Time a booking holds is written as one `Claim` row per resource per 5-minute unit, unique on (resource, unit):
the database itself refuses a second booking of the same time, whoever asks at the same moment."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from auth import loa
from auth.mandates import Mandate
from auth.models import LoginRecorded
from portal.core.translations import TextTranslation, Translatable

UNIT = timedelta(minutes=5)


def validate_whole_units(minutes: int) -> None:
    if minutes % 5:
        raise ValidationError(_("Gebruik een veelvoud van 5 minuten."))


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class Hours(Orderable):
    """Open from `opens` to `closes` on a weekday; several rows on one day make a lunch break."""

    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    opens = models.TimeField(_("van"))
    closes = models.TimeField(_("tot"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        if self.opens and self.closes and self.opens >= self.closes:
            raise ValidationError({"closes": _("De sluitingstijd moet na de openingstijd liggen.")})
        for value in (self.opens, self.closes):
            if value and value.minute % 5:
                raise ValidationError(_("Gebruik tijden op hele 5 minuten."))


class Product(Translatable, ClusterableModel):
    """Something a resident makes an appointment for, such as applying for a passport; its name and what to bring
    also in the site's other languages (`translations`)."""

    TRANSLATED = ("name", "description")

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("korte naam"), unique=True, help_text=_("Staat in links, bijvoorbeeld 'paspoort'."))
    description = models.TextField(
        _("wat neemt u mee"), blank=True, help_text=_("Staat in de bevestiging: wat de inwoner meeneemt.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur (minuten)"), validators=[MinValueValidator(5), MaxValueValidator(480), validate_whole_units]
    )
    extra_person_minutes = models.PositiveSmallIntegerField(
        _("extra per persoon (minuten)"),
        default=0,
        validators=[MaxValueValidator(240), validate_whole_units],
        help_text=_("Zoveel langer duurt de afspraak voor elke persoon na de eerste."),
    )
    max_persons = models.PositiveSmallIntegerField(
        _("maximaal aantal personen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    required_loa = models.CharField(
        _("DigiD-niveau"),
        max_length=80,
        choices=loa.LEVELS,
        blank=True,
        help_text=_("Leeg: inloggen is niet nodig als afspreken zonder DigiD is toegestaan."),
    )
    allow_anonymous = models.BooleanField(
        _("afspreken zonder DigiD"), default=False, help_text=_("De inwoner geeft dan alleen naam en e-mailadres.")
    )
    min_days_ahead = models.PositiveSmallIntegerField(
        _("vanaf (dagen vooruit)"), default=1, help_text=_("1 = vanaf morgen.")
    )
    max_days_ahead = models.PositiveSmallIntegerField(
        _("tot (dagen vooruit)"), default=90, validators=[MinValueValidator(1), MaxValueValidator(400)]
    )
    max_open_per_person = models.PositiveSmallIntegerField(
        _("open afspraken per persoon"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "Zoveel afspraken voor dit product mag één inwoner (of één e-mailadres, zonder DigiD) tegelijk hebben. "
            "Overlappende afspraken zijn nooit toegestaan."
        ),
    )
    for_children = models.BooleanField(
        _("ook namens een kind"),
        default=False,
        help_text=_("Ouders met gezag kunnen dit namens hun minderjarige kind afspreken (bijvoorbeeld een ID-kaart)."),
    )
    active = models.BooleanField(_("te boeken"), default=True)
    fee = models.DecimalField(
        _("kosten per persoon (euro)"),
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("0: geen kosten."),
    )
    pay_online = models.BooleanField(
        _("vooraf online betalen"),
        default=False,
        help_text=_("Aan: de inwoner kan na het boeken met iDEAL betalen, of toch aan de balie."),
    )
    ledger_code = models.CharField(
        _("grootboekrekening"), max_length=30, blank=True, help_text=_("Voor de financiële export van de betalingen.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("extra_person_minutes"), FieldPanel("max_persons")]),
        FieldRowPanel([FieldPanel("min_days_ahead"), FieldPanel("max_days_ahead")], heading=_("Boekingsvenster")),
        FieldPanel("max_open_per_person"),
        MultiFieldPanel(
            [FieldPanel("allow_anonymous"), FieldPanel("required_loa"), FieldPanel("for_children")],
            heading=_("Inloggen"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("fee"), FieldPanel("ledger_code")]), FieldPanel("pay_online")],
            heading=_("Kosten"),
        ),
        FieldPanel("active"),
        InlinePanel("translations", heading=_("In andere talen"), label=_("Vertaling")),
    ]

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.min_days_ahead > self.max_days_ahead:
            raise ValidationError({"max_days_ahead": _("Het venster moet eindigen na het begin.")})
        if not self.allow_anonymous and not self.required_loa:
            raise ValidationError({"required_loa": _("Kies een DigiD-niveau, of sta afspreken zonder DigiD toe.")})

    def minutes_for(self, persons: int) -> int:
        return self.duration_minutes + self.extra_person_minutes * (persons - 1)


class ProductTranslation(TextTranslation):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("naam"), max_length=100, blank=True, help_text=_("Leeg: de naam zoals hierboven."))
    description = models.TextField(_("wat neemt u mee"), blank=True, help_text=_("Leeg: zoals hierboven."))

    panels = [FieldPanel("language"), FieldPanel("name"), FieldPanel("description")]

    class Meta(TextTranslation.Meta):
        constraints = [models.UniqueConstraint(fields=["product", "language"], name="one_product_text_per_language")]


class Location(Translatable, ClusterableModel):
    """A place residents come to: the city hall, a district office, or an approved wedding venue; its name also in
    the site's other languages (the address is the same in every language)."""

    TRANSLATED = ("name",)

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("korte naam"), unique=True)
    street = models.CharField(_("straat en huisnummer"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=7)
    city = models.CharField(_("plaats"), max_length=80)
    slot_minutes = models.PositiveSmallIntegerField(
        _("tijdvakken van (minuten)"),
        default=10,
        validators=[MinValueValidator(5), MaxValueValidator(120), validate_whole_units],
        help_text=_("Afspraken beginnen op veelvouden hiervan, bijvoorbeeld om de 10 minuten."),
    )
    closed_on_public_holidays = models.BooleanField(_("dicht op feestdagen"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("street"), FieldPanel("postcode"), FieldPanel("city")], heading=_("Adres")),
        FieldRowPanel([FieldPanel("slot_minutes"), FieldPanel("closed_on_public_holidays")]),
        InlinePanel("hours", heading=_("Openingstijden"), label=_("Openingstijd")),
        InlinePanel("closures", heading=_("Gesloten op"), label=_("Sluiting")),
        InlinePanel("translations", heading=_("In andere talen"), label=_("Vertaling")),
    ]

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


class LocationTranslation(TextTranslation):
    location = ParentalKey(Location, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("naam"), max_length=100, blank=True, help_text=_("Leeg: de naam zoals hierboven."))

    panels = [FieldPanel("language"), FieldPanel("name")]

    class Meta(TextTranslation.Meta):
        constraints = [models.UniqueConstraint(fields=["location", "language"], name="one_location_text_per_language")]


class OpeningHours(Hours):
    location = ParentalKey(Location, on_delete=models.CASCADE, related_name="hours")


class Closure(Orderable):
    """A day the location is closed besides public holidays (a bridge day, a move, a strike)."""

    location = ParentalKey(Location, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField(_("datum"))
    reason = models.CharField(_("reden"), max_length=120, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("reason")])]


class Resource(Translatable, ClusterableModel):
    """What an appointment takes: a desk, an official (a civil registrar, BABS) or a room. Without hours of its
    own a resource follows its location's opening hours; with its own, it is available where both overlap. A room's
    or desk's name also in the site's other languages (an official's name is theirs in every language)."""

    TRANSLATED = ("name",)

    class Kind(models.TextChoices):
        DESK = "desk", _("balie")
        OFFICIAL = "official", _("ambtenaar (BABS)")
        ROOM = "room", _("zaal")

    name = models.CharField(_("naam"), max_length=100)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("locatie"),
        help_text=_("Leeg alleen voor een trouwambtenaar, die op elke trouwlocatie kan werken."),
    )
    products = models.ManyToManyField(Product, blank=True, related_name="resources", verbose_name=_("producten"))
    capacity = models.PositiveSmallIntegerField(
        _("aantal gasten"), null=True, blank=True, help_text=_("Voor zalen: hoeveel gasten er passen.")
    )
    active = models.BooleanField(_("in gebruik"), default=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("location"), FieldPanel("capacity")]),
        FieldPanel("products"),
        FieldPanel("active"),
        InlinePanel("hours", heading=_("Eigen rooster"), label=_("Werktijd")),
        InlinePanel("translations", heading=_("In andere talen"), label=_("Vertaling")),
    ]

    class Meta:
        verbose_name = _("middel")
        verbose_name_plural = _("middelen (balies, ambtenaren, zalen)")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.location})" if self.location_id else self.name

    def clean(self):
        if self.kind != self.Kind.OFFICIAL and not self.location_id:
            raise ValidationError({"location": _("Een balie of zaal hoort bij een locatie.")})
        if self.kind == self.Kind.ROOM and not self.capacity:
            raise ValidationError({"capacity": _("Geef aan hoeveel gasten er in de zaal passen.")})


class ResourceTranslation(TextTranslation):
    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("naam"), max_length=100, blank=True, help_text=_("Leeg: de naam zoals hierboven."))

    panels = [FieldPanel("language"), FieldPanel("name")]

    class Meta(TextTranslation.Meta):
        constraints = [models.UniqueConstraint(fields=["resource", "language"], name="one_resource_text_per_language")]


class ResourceHours(Hours):
    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="hours")


class Booking(LoginRecorded):
    """An appointment at a desk."""

    class State(models.TextChoices):
        BOOKED = "booked", _("geboekt")
        CANCELLED = "cancelled", _("geannuleerd")
        DONE = "done", _("geweest")
        NO_SHOW = "no_show", _("niet gekomen")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    products = models.ManyToManyField(Product, related_name="bookings", verbose_name=_("producten"))
    persons = models.PositiveSmallIntegerField(_("aantal personen"))
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="bookings")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="bookings")
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    # Who made it, when not the resident it is for: a parent for their minor child (see auth/acting.py).
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings_made_for_others",
        verbose_name=_("gemaakt door"),
    )
    mandate = models.CharField(_("bevoegdheid"), max_length=30, blank=True, choices=Mandate.choices)
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.BOOKED)
    # Raised on every move and on cancelling, so an older move/cancel link stops working.
    link_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the resident was asked how it went (once, after staff marked the appointment as attended).
    survey_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    paid_at = models.DateTimeField(_("vooraf betaald op"), null=True, blank=True)
    # The interface language it was booked in: its mails (confirmation, move, reminder) are written in it.
    language = models.CharField(_("taal"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["location", "starts_at"]), models.Index(fields=["resident", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.name}"

    def fee_cents(self) -> int:
        """What the products cost together, per person (the products are prefetched where this is shown)."""
        return int(sum(product.fee for product in self.products.all()) * 100) * self.persons

    def payable_online(self) -> bool:
        """Every product that costs something may be paid in advance."""
        charged = [product for product in self.products.all() if product.fee]
        return bool(charged) and all(product.pay_online for product in charged)


class Block(models.Model):
    """Time staff take off a resource's schedule (training, maintenance)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="blocks")
    starts_at = models.DateTimeField(_("van"))
    ends_at = models.DateTimeField(_("tot"))
    reason = models.CharField(_("reden"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.resource}: {self.reason}"


class CeremonyType(Translatable, ClusterableModel):
    """A kind of wedding ceremony, with its fee and length; some happen only on fixed moments. Its name also in the
    site's other languages (`translations`)."""

    TRANSLATED = ("name",)

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("korte naam"), unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    fee = models.DecimalField(_("kosten (euro)"), max_digits=7, decimal_places=2)
    ledger_code = models.CharField(
        _("grootboekrekening"), max_length=30, blank=True, help_text=_("Voor de financiële export van de betalingen.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur (minuten)"), validators=[MinValueValidator(5), MaxValueValidator(240), validate_whole_units]
    )
    rooms = models.ManyToManyField(
        Resource,
        related_name="ceremony_types",
        limit_choices_to={"kind": Resource.Kind.ROOM},
        verbose_name=_("zalen en trouwlocaties"),
    )
    allows_own_registrar = models.BooleanField(
        _("eigen trouwambtenaar mogelijk"), default=True, help_text=_("Een bekende laten beëdigen als BABS.")
    )
    case_type = models.ForeignKey(
        "cases.CaseType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("zaaktype"),
        help_text=_("De zaak die een reservering start, zoals 'Melding voorgenomen huwelijk'."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("fee"), FieldPanel("duration_minutes"), FieldPanel("order")]),
        FieldPanel("ledger_code"),
        FieldPanel("rooms"),
        FieldPanel("allows_own_registrar"),
        FieldPanel("case_type"),
        InlinePanel("moments", heading=_("Vaste momenten"), label=_("Moment")),
        InlinePanel("translations", heading=_("In andere talen"), label=_("Vertaling")),
    ]

    class Meta:
        verbose_name = _("soort ceremonie")
        verbose_name_plural = _("soorten ceremonie")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class CeremonyTypeTranslation(TextTranslation):
    ceremony_type = ParentalKey(CeremonyType, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("naam"), max_length=100, blank=True, help_text=_("Leeg: de naam zoals hierboven."))

    panels = [FieldPanel("language"), FieldPanel("name")]

    class Meta(TextTranslation.Meta):
        constraints = [
            models.UniqueConstraint(fields=["ceremony_type", "language"], name="one_ceremony_text_per_language")
        ]


class CeremonyMoment(Orderable):
    """A fixed moment for a ceremony type that is held only then (the free short ceremony)."""

    ceremony_type = ParentalKey(CeremonyType, on_delete=models.CASCADE, related_name="moments")
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices)
    time = models.TimeField(_("tijd"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("time")])]


class Wedding(LoginRecorded):
    """A wedding reservation: room and registrar held for 7 days, within which the partner confirms and the
    ceremony's fee is paid; once both are done it stands, else the hold lapses."""

    class State(models.TextChoices):
        PROVISIONAL = "provisional", _("voorlopig")
        CONFIRMED = "confirmed", _("bevestigd door partner")
        EXPIRED = "expired", _("verlopen")
        CANCELLED = "cancelled", _("geannuleerd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ceremony_type = models.ForeignKey(CeremonyType, on_delete=models.PROTECT, related_name="weddings")
    room = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="weddings_in")
    registrar = models.ForeignKey(
        Resource, on_delete=models.PROTECT, null=True, blank=True, related_name="weddings_led"
    )
    own_registrar_name = models.CharField(_("eigen trouwambtenaar"), max_length=150, blank=True)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    guests = models.PositiveSmallIntegerField(_("aantal gasten"))
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="weddings")
    # The partner is known by the keyed digest of the BSN the couple gave; they confirm with their own DigiD.
    partner_bsn_digest = models.CharField(max_length=64, editable=False)
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.PROVISIONAL)
    held_until = models.DateTimeField(_("vastgehouden tot"), null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(_("kosten betaald op"), null=True, blank=True)
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("huwelijksreservering")
        verbose_name_plural = _("huwelijksreserveringen")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["partner_bsn_digest"]), models.Index(fields=["state", "held_until"])]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.ceremony_type}"

    @property
    def fee_cents(self) -> int:
        return int(self.ceremony_type.fee * 100)

    @property
    def needs_payment(self) -> bool:
        return self.fee_cents > 0 and self.paid_at is None


class BookingHolder(models.Model):
    """One row per person who books (a resident, or an e-mail address without DigiD). Booking locks it first, so
    two requests of the same person are decided one after the other, whatever the number of web processes."""

    key = models.CharField(max_length=80, unique=True)
    touched_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("boeker")
        verbose_name_plural = _("boekers")

    def __str__(self) -> str:
        return self.key


class Claim(models.Model):
    """One 5-minute unit of one resource, held by exactly one booking, wedding or block."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, null=True, related_name="claims")
    wedding = models.ForeignKey(Wedding, on_delete=models.CASCADE, null=True, related_name="claims")
    block = models.ForeignKey(Block, on_delete=models.CASCADE, null=True, related_name="claims")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "starts_at"], name="one_claim_per_resource_unit"),
            models.CheckConstraint(
                condition=(
                    models.Q(booking__isnull=False, wedding__isnull=True, block__isnull=True)
                    | models.Q(booking__isnull=True, wedding__isnull=False, block__isnull=True)
                    | models.Q(booking__isnull=True, wedding__isnull=True, block__isnull=False)
                ),
                name="claim_has_one_holder",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id}@{self.starts_at:%Y-%m-%d %H:%M}"
