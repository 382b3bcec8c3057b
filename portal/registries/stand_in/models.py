"""The stand-in's own tables: just enough of BRP, BAG, travel documents and WOZ for the portal's journeys."""

from django.db import models


class Address(models.Model):
    """A BAG address (nummeraanduiding) with the properties of the object it belongs to (verblijfsobject)."""

    identification = models.CharField(max_length=16, unique=True)
    object_identification = models.CharField(max_length=16)
    postcode = models.CharField(max_length=6)
    house_number = models.PositiveIntegerField()
    house_letter = models.CharField(max_length=1, blank=True)
    house_number_addition = models.CharField(max_length=4, blank=True)
    street = models.CharField(max_length=80)
    city = models.CharField(max_length=80)
    municipality_code = models.CharField(max_length=4)
    neighbourhood_code = models.CharField(max_length=10, help_text="wijkcode, e.g. WK999901")
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    floor_area = models.PositiveIntegerField(help_text="m²")
    build_year = models.PositiveSmallIntegerField()
    use = models.CharField(max_length=40, default="woonfunctie")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["postcode", "house_number", "house_letter", "house_number_addition"], name="unique_bag_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.street} {self.house_number}{self.house_letter}{self.house_number_addition}, {self.city}"


class Person(models.Model):
    """A person in the BRP. `persona` is the short description the DigiD stand-in shows."""

    bsn = models.CharField(max_length=9, unique=True)
    first_names = models.CharField(max_length=200)
    prefix = models.CharField(max_length=10, blank=True)
    surname = models.CharField(max_length=200)
    gender = models.CharField(max_length=1, choices=[("M", "man"), ("V", "vrouw"), ("O", "onbekend")])
    birth_date = models.DateField()
    birth_place = models.CharField(max_length=80)
    birth_country = models.CharField(max_length=80, default="Nederland")
    nationality = models.CharField(max_length=80, default="Nederlandse")
    address = models.ForeignKey(Address, null=True, blank=True, on_delete=models.SET_NULL, related_name="residents")
    address_since = models.DateField(null=True, blank=True)
    partner = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    partnership_kind = models.CharField(max_length=1, blank=True, choices=[("H", "huwelijk"), ("P", "partnerschap")])
    partnership_date = models.DateField(null=True, blank=True)
    parents = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="children")
    date_of_death = models.DateField(null=True, blank=True)
    persona = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_names, self.prefix, self.surname) if part)


class TravelDocument(models.Model):
    KINDS = [("PN", "Nationaal paspoort"), ("NI", "Nederlandse identiteitskaart")]

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="travel_documents")
    kind = models.CharField(max_length=2, choices=KINDS)
    number = models.CharField(max_length=9, unique=True)
    issued_on = models.DateField()
    expires_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class WozObject(models.Model):
    identification = models.CharField(max_length=12, unique=True)
    address = models.OneToOneField(Address, on_delete=models.CASCADE, related_name="woz_object")
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="woz_objects")
    value = models.PositiveIntegerField(help_text="vastgestelde waarde in euro")
    reference_date = models.DateField(help_text="waardepeildatum")
    draft_value = models.PositiveIntegerField(null=True, blank=True, help_text="conceptwaarde voor het komende jaar")
    dwelling_type = models.CharField(max_length=60)

    def __str__(self) -> str:
        return f"WOZ {self.identification}"


class PreviousAddress(models.Model):
    """Where a person lived before (verblijfplaatshistorie), newest first."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="previous_addresses")
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="+")
    lived_from = models.DateField()
    lived_until = models.DateField()

    class Meta:
        ordering = ["-lived_until"]

    def __str__(self) -> str:
        return f"{self.address} ({self.lived_from} – {self.lived_until})"


class Company(models.Model):
    """An enterprise in the Handelsregister (KvK), with what the Basisprofiel tells about it. A one-person company
    (eenmanszaak) has a natural person as owner and no RSIN of its own."""

    kvk_number = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=200, help_text="naam onder de maatschappelijke activiteit")
    statutory_name = models.CharField(max_length=200, blank=True)
    trade_names = models.JSONField(default=list, help_text="handelsnamen, in volgorde van registratie")
    legal_form = models.CharField(max_length=60, help_text="rechtsvorm, e.g. Eenmanszaak, Besloten Vennootschap")
    rsin = models.CharField(max_length=9, blank=True)
    registered_on = models.DateField(help_text="formele registratiedatum")
    started_on = models.DateField(help_text="datum aanvang (materiële registratie)")
    ended_on = models.DateField(null=True, blank=True)
    sbi_activities = models.JSONField(default=list, help_text='[{"code": "5610", "description": "…", "main": true}]')
    non_mailing = models.BooleanField(default=False)
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="companies")

    class Meta:
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return f"{self.name} ({self.kvk_number})"


class Branch(models.Model):
    """A vestiging: where the company works. Exactly one is the main branch (hoofdvestiging)."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="branches")
    number = models.CharField(max_length=12, unique=True, help_text="vestigingsnummer")
    trade_name = models.CharField(max_length=200, help_text="eerste handelsnaam")
    is_main = models.BooleanField(default=False)
    is_commercial = models.BooleanField(default=True)
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="branches")
    full_time_employees = models.PositiveIntegerField(default=0)
    part_time_employees = models.PositiveIntegerField(default=0)
    websites = models.JSONField(default=list)

    class Meta:
        verbose_name_plural = "branches"
        ordering = ["-is_main", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["company"], condition=models.Q(is_main=True), name="one_main_branch_per_company"
            )
        ]

    def __str__(self) -> str:
        return f"{self.trade_name} ({self.number})"


class Custody(models.Model):
    """Who has authority (gezag) over a minor, as the BRP API derives it. Ends by itself on the 18th birthday."""

    class Kind(models.TextChoices):
        JOINT_PARENTAL = "GezamenlijkOuderlijkGezag", "gezamenlijk ouderlijk gezag"
        SOLE_PARENTAL = "EenhoofdigOuderlijkGezag", "eenhoofdig ouderlijk gezag"
        JOINT = "GezamenlijkGezag", "gezamenlijk gezag (ouder en derde)"
        GUARDIANSHIP = "Voogdij", "voogdij"
        NONE_FOR_NOW = "TijdelijkGeenGezag", "tijdelijk geen gezag"

    minor = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="custody")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # Who holds it: a holder who is one of the minor's parents is a parent (ouder), anyone else a third (derde).
    holders = models.ManyToManyField(Person, blank=True, related_name="custody_over")
    explanation = models.CharField(max_length=400, blank=True, help_text="toelichting (tijdelijk geen gezag)")

    class Meta:
        verbose_name_plural = "custodies"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} over {self.minor}"


class Mandate(models.Model):
    """One entry of the mandate registers behind DigiD Machtigen (a person authorises another person for some of the
    municipality's services) and eHerkenning bewindvoering (a court made a bewindvoerder, curator or mentor, a person
    or an organisation, act for someone). The stand-in identity provider offers the entries that hold today, for the
    service the portal asks about; a real broker asks Logius' and the eHerkenning network's registers instead."""

    class Kind(models.TextChoices):
        DIGID_MACHTIGEN = "digid_machtigen", "DigiD Machtigen"
        BEWINDVOERING = "bewindvoerder", "bewindvoering"
        CURATELE = "curator", "curatele"
        MENTORSCHAP = "mentor", "mentorschap"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    representee = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mandates_given")
    # Who may act: a person (DigiD Machtigen) or an organisation with eHerkenning (bewindvoering and the like).
    authorizee_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="mandates_held"
    )
    authorizee_company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.CASCADE, related_name="mandates_held"
    )
    # The services (ServiceUUIDs, as in the service catalogue) the mandate is for.
    services = models.JSONField(default=list)
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    revoked_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(authorizee_person__isnull=True) ^ models.Q(authorizee_company__isnull=True),
                name="mandate_one_authorizee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.representee}"
