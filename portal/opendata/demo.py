"""A year of handled cases and answers for the demo, so "Zo doen we het" shows real figures computed the real way.

The cases belong to one resident without a persona (nobody's Mijn Loket fills up); a few months stay under 10
cases, so the demo shows hidden cells too. Seeded: the same every time."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from portal.cases.models import Case, CaseType
from portal.opendata.models import Journey, Satisfaction
from portal.opendata.selectors import months_shown
from portal.opendata.services import JourneyRef

HISTORY_BSN = "999980026"
_PER_MONTH = {"Verhuizing": (14, 40), "Uittreksel BRP": (10, 30), "Bijzondere bijstand": (4, 16)}
_COMMENTS = [
    "Snel geregeld, dank u.",
    "Duurde langer dan beloofd.",
    "Fijn dat ik niet alles opnieuw hoefde in te vullen.",
    "Ik kon niet zien waar mijn aanvraag bleef.",
    "",
]


@transaction.atomic
def load_history(resident) -> int:
    if Case.objects.filter(resident=resident).exists():
        return 0
    rng = random.Random(2026)  # noqa: S311 - demo figures, not secrets
    zone = timezone.get_current_timezone()
    cases, answers = [], []
    # Nothing older than the shortest retention term (one year), so the records demo's destruction list stays its own.
    earliest = timezone.now() - timedelta(days=360)
    for name, (low, high) in _PER_MONTH.items():
        case_type = CaseType.objects.get(name=name)
        for month in months_shown(today=timezone.localdate()):
            handled = rng.randint(low, high)
            for number in range(handled):
                closed = datetime.combine(month + timedelta(days=rng.randint(0, 27)), time(rng.randint(8, 16)), zone)
                closed = max(closed, earliest)
                lead = timedelta(days=rng.uniform(0.5, case_type.service_norm_days * 2.2))
                expected = (closed - lead).date() + timedelta(days=round(case_type.service_norm_days * 1.4))
                cases.append(
                    Case(
                        identification=f"HIST-{month:%Y%m}-{case_type.pk:02d}{number:03d}",
                        case_type=case_type,
                        resident=resident,
                        expected_on=expected,
                        closed_at=closed,
                        result="Afgehandeld",
                    )
                )
                cases[-1]._created = closed - lead
            for number in range(rng.randint(handled // 3, handled)):  # not every resident answers
                answers.append(
                    Satisfaction(
                        journey=Journey.CASE,
                        subject=case_type.name,
                        case_type=case_type,
                        team_id=case_type.team_id,
                        journey_key=JourneyRef(Journey.CASE, f"history-{case_type.pk}-{month}-{number}", "").key,
                        score=rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 2, 5, 4])[0],
                        comment=rng.choice(_COMMENTS),
                    )
                )
                answers[-1]._answered = month + timedelta(days=rng.randint(0, 27))
    created = Case.objects.bulk_create(cases, batch_size=500)
    for case in created:  # auto_now_add set "now" on insert; the history has its own receipt times
        case.created_at = case._created
    Case.objects.bulk_update(created, ["created_at"], batch_size=500)
    for answer in Satisfaction.objects.bulk_create(answers, batch_size=500):
        answer.answered_on = answer._answered
    Satisfaction.objects.bulk_update(answers, ["answered_on"], batch_size=500)
    return len(created)
