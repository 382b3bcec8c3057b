"""The service figures: computed from the cases and the satisfaction answers, never kept by hand.

Lead time is counted in calendar days from receipt to closing (fractions kept, shown to one decimal); a case met its
service norm when it closed on or before its expected date (which already moved for the days it waited on the
resident). The median is the middle value (the mean of the two middle ones for an even count); the 90th percentile
is the nearest-rank one: the smallest lead time at least 90 % of the cases did not exceed. A month of a subject with
fewer than K_ANONYMITY cases, or answers, is published without its figures, so no one can be recognised in them."""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from statistics import median

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

K_ANONYMITY = 10


def percentile_nearest_rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


@dataclass
class _Month:
    lead_days: list
    within_norm: int = 0


def case_figures(*, today: date) -> list[dict]:
    """One row per case type and month of closing, plus this month's open overdue cases per case type."""
    from portal.cases.models import Case, CaseType

    case_types = {case_type.pk: case_type for case_type in CaseType.objects.all()}
    months: dict[tuple[int, date], _Month] = defaultdict(lambda: _Month(lead_days=[]))
    zone = timezone.get_current_timezone()
    closed = Case.objects.filter(closed_at__isnull=False).values_list(
        "case_type_id", "created_at", "closed_at", "expected_on"
    )
    for case_type_id, created_at, closed_at, expected_on in closed.iterator(chunk_size=20_000):
        closed_local = closed_at.astimezone(zone)
        month = months[case_type_id, date(closed_local.year, closed_local.month, 1)]
        month.lead_days.append((closed_at - created_at).total_seconds() / 86_400)
        month.within_norm += closed_local.date() <= expected_on

    overdue = dict(
        Case.objects.filter(closed_at__isnull=True, expected_on__lt=today)
        .values_list("case_type_id")
        .annotate(n=Count("pk"))
        .values_list("case_type_id", "n")
    )
    this_month = today.replace(day=1)
    for case_type_id in overdue:
        months[case_type_id, this_month]  # makes the row that carries the overdue count

    answers = {
        (row["case_type_id"], row["month"]): (row["n"], row["total"])
        for row in _answers_by_month()
        .filter(journey="case", case_type__isnull=False)
        .values("case_type_id", "month")
        .annotate(n=Count("pk"), total=Sum("score"))
    }
    rows = []
    for (case_type_id, month), figures in months.items():
        case_type = case_types[case_type_id]
        handled = len(figures.lead_days)
        answered, score_sum = answers.get((case_type_id, month), (0, 0))
        rows.append(
            {
                "dataset": "zaken",
                "subject": case_type.name,
                "team_id": case_type.team_id,
                "month": month,
                "handled": handled,
                "within_norm": figures.within_norm,
                "overdue_open": overdue.get(case_type_id, 0) if month == this_month else 0,
                "median_days": round(median(figures.lead_days), 1) if handled else None,
                "p90_days": round(percentile_nearest_rank(figures.lead_days, 0.9), 1) if handled else None,
                "answers": answered,
                "score_sum": score_sum or 0,
            }
        )
    return rows


def satisfaction_figures() -> list[dict]:
    """One row per journey, subject, team and month the answers were given in."""
    grouped = (
        _answers_by_month()
        .values("journey", "subject", "team_id", "month")
        .annotate(answers=Count("pk"), score_sum=Sum("score"))
        .order_by()
    )
    return [{"dataset": "tevredenheid", **row} for row in grouped]


def _answers_by_month():
    from portal.opendata.models import Satisfaction

    return Satisfaction.objects.annotate(month=TruncMonth("answered_on")).order_by()
