"""Teams, case types with service norms and statuses, and a few cases for the demo personas."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from portal.cases.models import (
    Case,
    CaseType,
    CaseTypeTranslation,
    ContactMoment,
    StatusChange,
    StatusType,
    StatusTypeTranslation,
    Team,
)
from portal.cases.services import case_create, case_set_status
from portal.cases.workdays import add_working_days
from portal.inbox.models import Message

RECEIVED = ("Ontvangen", "We hebben uw aanvraag ontvangen. U hoeft nu niets te doen.")
IN_PROGRESS = ("In behandeling", "Een medewerker werkt aan uw aanvraag.")
DONE = ("Afgerond", "Uw aanvraag is afgehandeld. U krijgt het besluit in uw berichtenbox.")

CASE_TYPES = [
    # team, name, service norm (working days), statuses
    (
        "Burgerzaken",
        "Verhuizing",
        5,
        [RECEIVED, ("Adres gecontroleerd", "We hebben uw nieuwe adres gecontroleerd."), DONE],
    ),
    ("Burgerzaken", "Uittreksel BRP", 3, [RECEIVED, DONE]),
    ("Burgerzaken", "Correctie BRP", 20, [RECEIVED, IN_PROGRESS, DONE]),
    ("Burgerzaken", "Geboorteaangifte", 3, [RECEIVED, IN_PROGRESS, DONE]),
    ("Burgerzaken", "Aangifte overlijden", 3, [RECEIVED, IN_PROGRESS, DONE]),
    (
        "Burgerzaken",
        "Melding voorgenomen huwelijk",
        10,
        [RECEIVED, ("Wacht op partner", "Uw partner moet de melding nog bevestigen."), IN_PROGRESS, DONE],
    ),
    (
        "Werk en inkomen",
        "Bijzondere bijstand",
        40,
        [RECEIVED, IN_PROGRESS, ("Besluit genomen", "Er is een besluit genomen."), DONE],
    ),
    (
        "Openbare ruimte",
        "Melding openbare ruimte",
        5,
        [
            RECEIVED,
            ("Ingepland", "We hebben het werk ingepland."),
            ("Opgelost", "Het probleem is opgelost. Bedankt voor uw melding."),
        ],
    ),
    ("Belastingen", "WOZ-correctie", 20, [RECEIVED, IN_PROGRESS, DONE]),
    (
        "Openbare ruimte",
        "Terrasvergunning",
        40,
        [RECEIVED, IN_PROGRESS, ("Besluit genomen", "Er is een besluit genomen over de vergunning."), DONE],
    ),
]
# What residents read of the case types, in English: names, and each status's name and text (by its Dutch name).
ENGLISH_CASE_TYPES = {
    "Verhuizing": "Change of address",
    "Uittreksel BRP": "BRP extract",
    "Correctie BRP": "Correction of the BRP",
    "Geboorteaangifte": "Birth registration",
    "Aangifte overlijden": "Registration of a death",
    "Melding voorgenomen huwelijk": "Notice of intended marriage",
    "Bijzondere bijstand": "Special assistance",
    "Melding openbare ruimte": "Report about public space",
    "WOZ-correctie": "WOZ correction",
    "Terrasvergunning": "Terrace permit",
}
ENGLISH_STATUS_NAMES = {
    "Ontvangen": "Received",
    "In behandeling": "In progress",
    "Afgerond": "Completed",
    "Adres gecontroleerd": "Address checked",
    "Wacht op partner": "Waiting for your partner",
    "Besluit genomen": "Decision made",
    "Ingepland": "Scheduled",
    "Opgelost": "Solved",
}
ENGLISH_STATUS_TEXTS = {
    RECEIVED[1]: "We have received your request. You do not need to do anything now.",
    IN_PROGRESS[1]: "A member of staff is working on your request.",
    DONE[1]: "Your request has been dealt with. You will get the decision in your inbox.",
    "We hebben uw nieuwe adres gecontroleerd.": "We have checked your new address.",
    "Uw partner moet de melding nog bevestigen.": "Your partner still has to confirm the notice.",
    "Er is een besluit genomen.": "A decision has been made.",
    "Er is een besluit genomen over de vergunning.": "A decision has been made about the permit.",
    "We hebben het werk ingepland.": "We have scheduled the work.",
    "Het probleem is opgelost. Bedankt voor uw melding.": "The problem has been solved. Thank you for your report.",
}
# Archive nomination and years after closing, in the spirit of the Selectielijst gemeenten (demo values).
RETENTION = {
    "Verhuizing": ("vernietigen", 10),
    "Uittreksel BRP": ("vernietigen", 1),
    "Correctie BRP": ("vernietigen", 10),
    "Geboorteaangifte": ("bewaren", 0),
    "Aangifte overlijden": ("bewaren", 0),
    "Melding voorgenomen huwelijk": ("vernietigen", 10),
    "Bijzondere bijstand": ("vernietigen", 7),
    "Melding openbare ruimte": ("vernietigen", 2),
    "WOZ-correctie": ("vernietigen", 7),
    "Terrasvergunning": ("vernietigen", 10),
}
# A resident without a persona whose extract was closed long ago: the demo's first destruction list.
EXPIRED_CASE_BSN = "999980002"


@transaction.atomic
def load_case_types() -> int:
    for team_name, name, norm, statuses in CASE_TYPES:
        team, _created = Team.objects.get_or_create(name=team_name)
        action, years = RETENTION[name]
        case_type, created = CaseType.objects.get_or_create(
            name=name,
            defaults={"team": team, "service_norm_days": norm, "archive_action": action, "retention_years": years},
        )
        if created:
            StatusType.objects.bulk_create(
                StatusType(
                    case_type=case_type, order=order, name=status, public_text=text, is_final=order == len(statuses)
                )
                for order, (status, text) in enumerate(statuses, start=1)
            )
        _english(case_type)
    return CaseType.objects.count()


def _english(case_type: CaseType) -> None:
    """The demo case type's English texts, once (a translation editors already wrote is left alone)."""
    if case_type.name not in ENGLISH_CASE_TYPES or case_type.translations.filter(language="en").exists():
        return
    CaseTypeTranslation.objects.create(case_type=case_type, language="en", name=ENGLISH_CASE_TYPES[case_type.name])
    for status in case_type.status_types.all():
        StatusTypeTranslation.objects.create(
            status_type=status,
            language="en",
            name=ENGLISH_STATUS_NAMES.get(status.name, ""),
            public_text=ENGLISH_STATUS_TEXTS.get(status.public_text, ""),
        )


def _received_long_ago(case: Case, *, overdue_days: int) -> None:
    """Moves a new demo case back in time, timeline and all, so that its service norm ran out `overdue_days` ago:
    an overdue case that was received before its expected date, as a real one would be."""
    norm = case.case_type.service_norm_days
    due = timezone.localdate() - timedelta(days=overdue_days)
    received = due
    while add_working_days(received, norm) > due:
        received -= timedelta(days=1)
    moment = timezone.make_aware(datetime.combine(received, time(9, 30)))
    Case.objects.filter(pk=case.pk).update(created_at=moment, expected_on=add_working_days(received, norm))
    StatusChange.objects.filter(case=case).update(set_at=moment)
    ContactMoment.objects.filter(case=case).update(at=moment)
    Message.objects.filter(status_change__case=case).update(created_at=moment)


@transaction.atomic
def load_demo_cases(resident) -> int:
    """Three cases for a persona: one under way, one overdue, one closed. Only once per resident."""
    if Case.objects.filter(resident=resident).exists():
        return 0
    moving = case_create(case_type=CaseType.objects.get(name="Verhuizing"), resident=resident)
    steps = list(moving.case_type.status_types.order_by("order"))
    case_set_status(case=moving, status_type=steps[1], by=None)

    assistance = case_create(case_type=CaseType.objects.get(name="Bijzondere bijstand"), resident=resident)
    _received_long_ago(assistance, overdue_days=3)
    extract = case_create(case_type=CaseType.objects.get(name="Uittreksel BRP"), resident=resident)
    case_set_status(case=extract, status_type=extract.case_type.status_types.get(is_final=True), by=None)
    return 3


@transaction.atomic
def load_expired_case(resident) -> int:
    """An extract closed fourteen months ago: past its one-year term, so `retention_run` proposes it."""
    if Case.objects.filter(resident=resident).exists():
        return 0
    extract = case_create(case_type=CaseType.objects.get(name="Uittreksel BRP"), resident=resident)
    case_set_status(case=extract, status_type=extract.case_type.status_types.get(is_final=True), by=None)
    long_ago = timezone.now() - timedelta(days=425)
    Case.objects.filter(pk=extract.pk).update(created_at=long_ago, expected_on=long_ago.date(), closed_at=long_ago)
    StatusChange.objects.filter(case=extract).update(set_at=long_ago)
    Message.objects.filter(status_change__case=extract).update(created_at=long_ago)
    return 1


def load_staff(password: str) -> list[str]:
    """One case handler per team (e.g. `medewerker-burgerzaken`): the team decides which cases they see."""
    from auth.roles import CASE_HANDLER, assign_role

    names = []
    for team in Team.objects.all():
        username = f"medewerker-{slugify(team.name)}"
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "first_name": "Medewerker", "last_name": team.name}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        assign_role(user, CASE_HANDLER)
        team.members.add(user)
        names.append(username)
    return names
