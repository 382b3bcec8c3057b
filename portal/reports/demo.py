"""Demo report categories (with the example texts the suggester learns from) and reports around Voorbeeldstad."""

import json
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from forms_engine.demo import field, load_demo_form, step
from forms_engine.demo_en import load_demo_form_translations
from portal.cases.models import Team
from portal.cases.workdays import add_working_days
from portal.reports import selectors
from portal.reports.models import Category, CategoryTranslation, District, Report, Update
from portal.reports.services import next_reference
from portal.reports.suggest import suggester_train

TEAM = "Openbare ruimte"
# (main code, main name) → [(code, name, handling working days, public, photo required, example texts)]
CATEGORIES = {
    ("straat", "Wegen, straten en stoepen"): [
        (
            "losse-stoeptegel",
            "Losse of kapotte stoeptegel",
            10,
            True,
            False,
            [
                "losse stoeptegel op de stoep",
                "tegel ligt los, ik struikelde bijna",
                "scheve stoeptegels",
                "kapotte tegels in het trottoir",
                "stoep is verzakt",
                "gat in de stoep bij de tegels",
            ],
        ),
        (
            "gat-in-de-weg",
            "Gat in de weg",
            5,
            True,
            False,
            [
                "gat in het asfalt",
                "diepe kuil in de weg",
                "scheur in het wegdek",
                "wegdek is kapot",
                "put in de straat waar fietsers in vallen",
                "asfalt brokkelt af op de rijbaan",
            ],
        ),
    ],
    ("verlichting", "Verlichting"): [
        (
            "lantaarnpaal",
            "Lantaarnpaal kapot",
            5,
            True,
            False,
            [
                "lantaarnpaal brandt niet",
                "straatlantaarn is kapot",
                "lamp van de lantaarnpaal knippert",
                "het is donker op straat, de verlichting doet het niet",
                "lantaarnpaal scheef na aanrijding",
                "straatverlichting uit",
                "licht in de paal gaat steeds aan en uit",
            ],
        ),
    ],
    ("afval", "Afval"): [
        (
            "container-vol",
            "Container vol of kapot",
            2,
            True,
            False,
            [
                "container zit vol",
                "ondergrondse container is vol",
                "klep van de container klemt",
                "glasbak vol",
                "papiercontainer kapot",
                "de afvalcontainer gaat niet open",
            ],
        ),
        (
            "zwerfafval",
            "Zwerfafval of dumping",
            3,
            True,
            False,
            [
                "zwerfafval in het park",
                "iemand heeft afval gedumpt",
                "vuilniszakken naast de container",
                "bank en matras op de stoep gezet",
                "veel rommel en blikjes langs de weg",
                "grofvuil gedumpt",
            ],
        ),
    ],
    ("groen", "Groen en bomen"): [
        (
            "boom",
            "Boom of tak",
            10,
            True,
            False,
            [
                "tak afgebroken na de storm",
                "boom hangt scheef",
                "dode boom",
                "takken hangen over het fietspad",
                "boom omgewaaid",
                "wortels drukken de stoep omhoog bij de boom",
            ],
        ),
        (
            "onkruid-gras",
            "Gras, onkruid of struiken",
            15,
            True,
            False,
            [
                "gras is te lang",
                "onkruid tussen de tegels",
                "struiken groeien over de stoep",
                "het plantsoen wordt niet onderhouden",
                "hoog gras in de berm",
            ],
        ),
    ],
    ("overlast", "Overlast"): [
        (
            "ongedierte",
            "Ratten of ander ongedierte",
            5,
            False,
            False,
            [
                "ratten bij de vuilnisbakken",
                "muizen in de tuin van de buren",
                "wespennest",
                "veel ratten gezien",
                "ongedierte bij de containers",
            ],
        ),
        (
            "fout-geparkeerd",
            "Fietswrak of fout geparkeerd",
            10,
            True,
            False,
            [
                "fietswrak aan het hek",
                "verlaten fiets al maanden",
                "auto staat op de stoep",
                "weesfiets zonder wielen",
                "scooter al weken achtergelaten",
            ],
        ),
    ],
}
# The categories' names in English (issue 22): what an English-speaking resident chooses from.
ENGLISH_CATEGORIES = {
    "straat": "Roads, streets and pavements",
    "losse-stoeptegel": "Loose or broken paving stone",
    "gat-in-de-weg": "Pothole",
    "verlichting": "Street lighting",
    "lantaarnpaal": "Street light not working",
    "afval": "Waste",
    "container-vol": "Container full or broken",
    "zwerfafval": "Litter or dumping",
    "groen": "Green spaces and trees",
    "boom": "Tree or branch",
    "onkruid-gras": "Grass, weeds or shrubs",
    "overlast": "Nuisance",
    "ongedierte": "Rats or other vermin",
    "fout-geparkeerd": "Abandoned bike or wrongly parked",
}

# The extra questions' forms in English.
ENGLISH_QUESTIONS = {
    "melding-lantaarnpaal": {
        "name": "Report: questions about the street light",
        "texts": {
            "lantaarnpaal.title": "About the street light",
            "paalnummer.label": "Number on the pole",
            "paalnummer.help_text": "A sticker at eye level, such as 0123-045. If you do not know it, leave it empty.",
            "probleem.label": "What is wrong?",
            "probleem.option.Brandt niet": "It is not on",
            "probleem.option.Knippert": "It flickers",
            "probleem.option.Brandt overdag": "It is on during the day",
            "probleem.option.Paal is beschadigd": "The pole is damaged",
            "gevaarlijk.label": "Is it dangerous, such as loose wires or a pole that could fall over?",
        },
    },
    "melding-container": {
        "name": "Report: questions about the container",
        "texts": {
            "container.title": "About the container",
            "soort.label": "Which container?",
            "soort.option.Restafval": "General waste",
            "soort.option.Papier": "Paper",
            "soort.option.Glas": "Glass",
            "soort.option.Plastic en blik": "Plastic and cans",
            "wat.label": "What is wrong?",
            "wat.option.Vol": "Full",
            "wat.option.Klep klemt": "The lid is stuck",
            "wat.option.Kapot": "Broken",
            "wat.option.Afval ernaast": "Waste left beside it",
        },
    },
}

# Extra questions (forms of the forms engine, not standalone) for some kinds of report.
QUESTIONS = {
    "lantaarnpaal": {
        "slug": "melding-lantaarnpaal",
        "name": "Melding: vragen over de lantaarnpaal",
        "steps": [
            step(
                "lantaarnpaal",
                "Over de lantaarnpaal",
                [
                    field(
                        "text",
                        "paalnummer",
                        "Nummer op de paal",
                        required=False,
                        max_length=12,
                        help_text="Een sticker op ooghoogte, zoals 0123-045. Weet u het niet, laat het leeg.",
                    ),
                    field(
                        "radio",
                        "probleem",
                        "Wat is er aan de hand?",
                        options=["Brandt niet", "Knippert", "Brandt overdag", "Paal is beschadigd"],
                    ),
                    field("yesno", "gevaarlijk", "Is er gevaar, zoals losse draden of een paal die om kan vallen?"),
                ],
            )
        ],
    },
    "container-vol": {
        "slug": "melding-container",
        "name": "Melding: vragen over de container",
        "steps": [
            step(
                "container",
                "Over de container",
                [
                    field(
                        "radio", "soort", "Welke container?", options=["Restafval", "Papier", "Glas", "Plastic en blik"]
                    ),
                    field(
                        "checkboxes", "wat", "Wat is er mis?", options=["Vol", "Klep klemt", "Kapot", "Afval ernaast"]
                    ),
                ],
            )
        ],
    },
}
# Districts, for the staff's filter and map (a district may also have a team of its own; the demo has one team).
DISTRICTS = {
    "Binnenstad": ((5.112, 52.086), (5.130, 52.086), (5.130, 52.097), (5.112, 52.097)),
    "Oost": ((5.130, 52.080), (5.150, 52.080), (5.150, 52.105), (5.130, 52.105)),
}
# Demo reports cluster in the old town, where the personas live.
CENTER = (52.0925, 5.1225)
REPORTS = 60
# One open report at a known spot, so a resident reporting the same lamp post there meets the duplicate hint.
KNOWN_SPOT = (52.0912, 5.1231)


def load_demo_reports() -> dict[str, int]:
    team, _created = Team.objects.get_or_create(name=TEAM)
    created = 0
    asked = {
        code: load_demo_form(
            {"intro": "", "confirmation_text": "", "rules": [], "standalone": False, "login_required": False, **spec}
        )[0]
        for code, spec in QUESTIONS.items()
    }
    with transaction.atomic():
        for order, ((main_code, main_name), children) in enumerate(CATEGORIES.items()):
            main, _made = Category.objects.get_or_create(
                code=main_code, defaults={"name": main_name, "team": team, "order": order}
            )
            for sub_order, (code, name, days, public, photo, examples) in enumerate(children):
                _category, made = Category.objects.get_or_create(
                    code=code,
                    defaults={
                        "parent": main,
                        "name": name,
                        "team": team,
                        "handling_days": days,
                        "is_public": public,
                        "photo_required": photo,
                        "example_texts": "\n".join(examples),
                        "order": sub_order,
                        "questions": asked.get(code),
                    },
                )
                created += made
        load_demo_form_translations(ENGLISH_QUESTIONS)
        for category in Category.objects.filter(code__in=ENGLISH_CATEGORIES):
            CategoryTranslation.objects.get_or_create(
                category=category, language="en", defaults={"name": ENGLISH_CATEGORIES[category.code]}
            )
    _load_districts()
    suggester_train()
    return {"categories": created, "reports": _load_reports(team)}


def _load_districts() -> None:
    for order, (name, corners) in enumerate(DISTRICTS.items()):
        ring = [list(corner) for corner in (*corners, corners[0])]
        boundary = json.dumps({"type": "Polygon", "coordinates": [ring]})
        District.objects.get_or_create(name=name, defaults={"boundary": boundary, "order": order})


@transaction.atomic
def _load_reports(team: Team) -> int:
    """Reports of the last few weeks, so the public map and the staff list have something to show."""
    if Report.objects.exists():
        return 0
    rng = random.Random(18)  # noqa: S311 - demo data, repeatable on purpose
    subcategories = list(Category.objects.filter(parent__isnull=False))
    now = timezone.now()
    reports, moments = [], []
    for _number in range(REPORTS):
        category = rng.choice(subcategories)
        created = now - timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 23))
        latitude = round(CENTER[0] + rng.uniform(-0.008, 0.008), 6)
        longitude = round(CENTER[1] + rng.uniform(-0.012, 0.012), 6)
        district = selectors.district_at(latitude, longitude)
        status = rng.choice(
            [Report.Status.RECEIVED, Report.Status.IN_PROGRESS, Report.Status.PLANNED, Report.Status.CLOSED]
        )
        moments.append(created)
        reports.append(
            Report(
                reference=next_reference(created.year),
                category=category,
                team_id=selectors.team_for(category, district),
                district=district,
                description=rng.choice(category.examples()).capitalize() + ".",
                latitude=latitude,
                longitude=longitude,
                street=rng.choice(["Dorpsstraat", "Kerkstraat", "Molenweg", "Stationsplein", "Parklaan"]),
                status=status,
                due_on=add_working_days(timezone.localdate(created), category.handling_days),
                closed_at=min(created + timedelta(days=3), now) if status == Report.Status.CLOSED else None,
            )
        )
    moments.append(now - timedelta(days=2))
    reports.append(
        Report(
            reference=next_reference(now.year),
            category=Category.objects.get(code="lantaarnpaal"),
            team=team,
            district=selectors.district_at(*KNOWN_SPOT),
            description="Lantaarnpaal brandt niet.",
            latitude=KNOWN_SPOT[0],
            longitude=KNOWN_SPOT[1],
            street="Kerkstraat",
            status=Report.Status.IN_PROGRESS,
            due_on=add_working_days(timezone.localdate(now), 3),
        )
    )
    reports = Report.objects.bulk_create(reports)
    # created_at is set on insert: put each report back on the day it was made.
    for report, created in zip(reports, moments, strict=True):
        Report.objects.filter(pk=report.pk).update(created_at=created)
    Update.objects.bulk_create(
        Update(report=report, kind=Update.Kind.STATUS, status=report.status, notified_at=now) for report in reports
    )
    return len(reports)
