"""Demo forms: moving house (prefilled, a conditional step, an upload) and a BRP extract (a computed fee, paid
with iDEAL before the request is registered).
Also used by tests and benchmarks, so they run on the same forms residents of the demo see."""

from django.db import transaction

from forms_engine.models import FormDefinition


def field(kind: str, key: str, label: str, **options) -> dict:
    return {"type": kind, "value": {"key": key, "label": label, "required": options.pop("required", True), **options}}


def step(key: str, title: str, fields: list[dict]) -> dict:
    return {"type": "step", "value": {"key": key, "title": title, "fields": fields}}


MOVING = {
    "slug": "verhuizing",
    "name": "Verhuizing doorgeven",
    "intro": "Geef uw verhuizing binnen 5 dagen na de verhuisdatum door. Het duurt ongeveer 5 minuten.",
    "confirmation_text": "We verwerken uw verhuizing binnen 5 werkdagen. U krijgt bericht in Mijn Loket.",
    "case_type": "Verhuizing",
    "steps": [
        step(
            "over_u",
            "Over u",
            [
                field("text", "naam", "Naam", prefill="brp.volledige_naam", prefill_mode="readonly", max_length=200),
                field(
                    "date",
                    "geboortedatum",
                    "Geboortedatum",
                    prefill="brp.geboortedatum",
                    prefill_mode="hidden",
                    range="past",
                ),
                field("address", "huidig_adres", "Huidig adres", prefill="brp.adres", prefill_mode="readonly"),
                field("email", "email", "E-mailadres", help_text="Voor de bevestiging."),
                field("phone", "telefoon", "Telefoonnummer", required=False),
            ],
        ),
        step(
            "verhuizing",
            "Uw nieuwe adres",
            [
                field("address", "nieuw_adres", "Nieuw adres"),
                field("date", "verhuisdatum", "Verhuisdatum", help_text="Bijvoorbeeld 1 12 2026."),
                field("yesno", "meeverhuizers", "Verhuist er iemand met u mee?"),
            ],
        ),
        step(
            "meeverhuizers_stap",
            "Wie verhuist er mee?",
            [
                {
                    "type": "content",
                    "value": {
                        "key": "uitleg_mee",
                        "text": "Noem alleen mensen die op uw huidige adres wonen.",
                        "style": "info",
                    },
                },
                field("number", "aantal_mee", "Hoeveel mensen verhuizen er mee?", min_value="1", max_value="15"),
                field("textarea", "namen_mee", "Namen van wie er meeverhuizen", max_length=2000),
            ],
        ),
        step(
            "woning",
            "Bewijs van bewoning",
            [
                field(
                    "radio",
                    "woonsituatie",
                    "U gaat wonen in een",
                    options=["Huurwoning", "Koopwoning", "Bij iemand in"],
                ),
                field("text", "hoofdbewoner", "Naam van de hoofdbewoner", max_length=200),
                field(
                    "file",
                    "bewijs",
                    "Huurcontract, koopakte of toestemming van de hoofdbewoner",
                    file_types=["pdf", "jpg", "png"],
                    max_size_mb=10,
                    max_files=3,
                ),
            ],
        ),
    ],
    "rules": [
        {
            "when": {"==": [{"var": "meeverhuizers"}, True]},
            "then": "show_step",
            "target": "meeverhuizers_stap",
            "description": "Alleen als er iemand meeverhuist",
        },
        {"when": {"==": [{"var": "woonsituatie"}, "Bij iemand in"]}, "then": "show", "target": "hoofdbewoner"},
    ],
}

EXTRACT = {
    "slug": "uittreksel-brp",
    "name": "Uittreksel BRP aanvragen",
    "intro": "Een uittreksel uit de Basisregistratie Personen, bijvoorbeeld voor een werkgever of verhuurder.",
    "confirmation_text": "We sturen het uittreksel binnen 5 werkdagen naar uw adres.",
    "case_type": "Uittreksel BRP",
    "payment_amount_field": "leges",
    "payment_ledger_code": "8300.10 leges BRP",
    "steps": [
        step(
            "uittreksel",
            "Welk uittreksel?",
            [
                field("text", "naam", "Naam", prefill="brp.volledige_naam", prefill_mode="readonly"),
                field(
                    "select", "soort", "Soort uittreksel", options=["Standaard", "Met adreshistorie", "Internationaal"]
                ),
                field("number", "aantal", "Aantal exemplaren", min_value="1", max_value="10"),
                field("currency", "leges", "Kosten", required=False),
                field("text", "doel", "Waarvoor heeft u het nodig?", required=False, max_length=200),
            ],
        ),
        step(
            "betaling",
            "Terugbetaling",
            [field("iban", "iban", "IBAN voor een eventuele terugbetaling", required=False)],
        ),
    ],
    "rules": [
        {
            "when": True,
            "then": "set_value",
            "target": "leges",
            "value": {"*": [{"var": "aantal"}, 17.1]},
            "description": "€ 17,10 per exemplaar",
        },
        {"when": {"==": [{"var": "soort"}, "Internationaal"]}, "then": "require", "target": "doel"},
    ],
}

TERRACE = {
    "slug": "terrasvergunning",
    "name": "Terrasvergunning aanvragen",
    "intro": (
        "Voor horecaondernemers: vraag een vergunning aan voor een terras op de stoep of een plein. U logt in met "
        "eHerkenning; wat de Kamer van Koophandel over uw bedrijf weet, vullen we al in."
    ),
    "logins": "eherkenning",
    "confirmation_text": "We beoordelen uw aanvraag binnen 8 weken. U volgt de zaak in Mijn Loket van uw bedrijf.",
    "case_type": "Terrasvergunning",
    "steps": [
        step(
            "bedrijf",
            "Uw bedrijf",
            [
                field("text", "bedrijfsnaam", "Naam van het bedrijf", prefill="kvk.naam", prefill_mode="readonly"),
                field("text", "kvk_nummer", "KvK-nummer", prefill="kvk.kvk_nummer", prefill_mode="readonly"),
                field(
                    "address",
                    "adres_zaak",
                    "Adres van de zaak met het terras",
                    prefill="kvk.adres",
                    help_text="Het adres van uw hoofdvestiging. Is het terras bij een andere vestiging, pas het aan.",
                ),
                field("email", "email", "E-mailadres voor vragen over de aanvraag"),
                field("phone", "telefoon", "Telefoonnummer", required=False),
            ],
        ),
        step(
            "terras",
            "Het terras",
            [
                field("number", "oppervlakte", "Oppervlakte van het terras (m²)", min_value="1", max_value="500"),
                field(
                    "radio",
                    "periode",
                    "Wanneer staat het terras er?",
                    options=["Het hele jaar", "Alleen in het zomerseizoen (1 april tot 1 oktober)"],
                ),
                field("textarea", "toelichting", "Toelichting", required=False, max_length=2000),
            ],
        ),
    ],
    "rules": [],
}

# The ServiceUUID under which Voorbeeldstad registered "bijzondere bijstand" with DigiD Machtigen and eHerkenning
# bewindvoering; the stand-in's mandate register holds the demo's mandates for it.
ASSISTANCE_SERVICE = "5b1e5f1e-2c8a-4a43-9a57-6f0d3c2b7a10"

ASSISTANCE = {
    "slug": "bijzondere-bijstand",
    "name": "Bijzondere bijstand aanvragen",
    "intro": (
        "Voor noodzakelijke kosten die u niet zelf kunt betalen. Regelt iemand dit voor u, zoals een familielid met "
        "DigiD Machtigen of uw bewindvoerder, dan logt die in met een eigen DigiD of eHerkenning."
    ),
    "mandate_service": ASSISTANCE_SERVICE,
    "confirmation_text": "We beoordelen de aanvraag binnen 8 weken en kunnen u om bewijsstukken vragen.",
    "case_type": "Bijzondere bijstand",
    "steps": [
        step(
            "aanvrager",
            "Voor wie",
            [
                field("text", "naam", "Naam", prefill="brp.volledige_naam", prefill_mode="readonly"),
                field("address", "adres", "Adres", prefill="brp.adres", prefill_mode="readonly"),
                field("phone", "telefoon", "Telefoonnummer voor vragen", required=False),
            ],
        ),
        step(
            "kosten",
            "De kosten",
            [
                field("textarea", "omschrijving", "Waarvoor zijn de kosten?", max_length=2000),
                field("currency", "bedrag", "Bedrag", min_value="1", max_value="25000"),
                field("iban", "iban", "IBAN waarop we de bijstand betalen"),
            ],
        ),
    ],
    "rules": [],
}

DEMO_FORMS = [MOVING, EXTRACT, TERRACE, ASSISTANCE]


@transaction.atomic
def load_demo_form(spec: dict) -> tuple[FormDefinition, bool]:
    """Create and publish a demo form once; an existing one (editors may have changed it) is left alone."""
    from portal.cases.models import CaseType

    existing = FormDefinition.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing, False
    definition = FormDefinition(
        slug=spec["slug"],
        name=spec["name"],
        intro=spec["intro"],
        standalone=spec.get("standalone", True),
        login_required=spec.get("login_required", True),
        logins=spec.get("logins", FormDefinition.Logins.DIGID),
        mandate_service=spec.get("mandate_service"),
        confirmation_text=spec["confirmation_text"],
        case_type=CaseType.objects.filter(name=spec.get("case_type")).first(),
        privacy_url="https://www.voorbeeldstad.example/privacyverklaring/",
        steps=spec["steps"],
        rules=spec["rules"],
        payment_amount_field=spec.get("payment_amount_field", ""),
        payment_ledger_code=spec.get("payment_ledger_code", ""),
        live=False,
    )
    definition.full_clean()
    definition.save()
    definition.save_revision().publish()
    return definition, True


def load_demo_forms() -> int:
    return sum(load_demo_form(spec)[1] for spec in DEMO_FORMS)


SERVICE_OF_FORM = {
    "verhuizing": "verhuizing-doorgeven",
    "uittreksel-brp": "uittreksel-brp",
    "terrasvergunning": "terrasvergunning",
    "bijzondere-bijstand": "bijzondere-bijstand",
}


def place_demo_forms() -> int:
    """A form page under each demo service that has a demo form, so 'Regel het online' leads to it."""
    from cms.models import FormPage, ServicePage

    placed = 0
    for form_slug, service_slug in SERVICE_OF_FORM.items():
        service = ServicePage.objects.filter(slug=service_slug).first()
        definition = FormDefinition.objects.filter(slug=form_slug).first()
        if service is None or definition is None or FormPage.objects.child_of(service).exists():
            continue
        page = FormPage(title=definition.name, slug="aanvragen", form=definition)
        service.add_child(instance=page)
        page.save_revision().publish()
        placed += 1
    return placed
