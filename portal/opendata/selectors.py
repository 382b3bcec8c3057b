"""The published figures, read from what the daily refresh stored, with small numbers hidden (k-anonymity)."""

from collections import Counter, defaultdict
from datetime import date

from django.db import models
from django.db.models import Sum

from portal.opendata.figures import K_ANONYMITY
from portal.opendata.models import Dataset, Journey, MonthlyFigure

MONTHS_SHOWN = 12


def months_shown(*, today: date) -> list[date]:
    """The last MONTHS_SHOWN whole months before `today`'s month, oldest first."""
    year, month = today.year, today.month
    months = []
    for _ in range(MONTHS_SHOWN):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        months.append(date(year, month, 1))
    return months[::-1]


_THE_COUNT = object()


def _published(count: int, value=_THE_COUNT):
    """`value` (the count itself when not given) if `count` is large enough to publish, else None."""
    if count < K_ANONYMITY:
        return None
    return count if value is _THE_COUNT else value


def _average(score_sum: int, answers: int):
    return _published(answers, round(score_sum / answers, 2) if answers else None)


def _published_case_row(figure: MonthlyFigure | None) -> dict:
    handled = figure.handled if figure else 0
    answers = figure.answers if figure else 0
    return {
        "handled": _published(handled),
        "within_norm_pct": _published(handled, handled and round(100 * figure.within_norm / handled, 1)),
        "median_days": _published(handled, figure and figure.median_days),
        "p90_days": _published(handled, figure and figure.p90_days),
        "satisfaction_answers": _published(answers),
        "satisfaction_avg": _average(figure.score_sum if figure else 0, answers),
    }


def public_case_rows(*, today: date) -> dict[str, list[dict]]:
    """Per case type with any case in the shown months, a row per month (oldest first), small cells hidden."""
    months = months_shown(today=today)
    stored = defaultdict(dict)
    for figure in MonthlyFigure.objects.filter(dataset=Dataset.CASES, month__gte=months[0], month__lte=months[-1]):
        stored[figure.subject][figure.month] = figure
    return {
        subject: [{"month": month, **_published_case_row(by_month.get(month))} for month in months]
        for subject, by_month in sorted(stored.items())
    }


def public_satisfaction_rows(*, today: date) -> list[dict]:
    """Per journey and subject over the shown months: number of answers and the average, hidden under K."""
    months = months_shown(today=today)
    totals = (
        MonthlyFigure.objects.filter(dataset=Dataset.SATISFACTION, month__gte=months[0], month__lte=months[-1])
        .values("journey", "subject")
        .annotate(answers=Sum("answers"), score_sum=Sum("score_sum"))
        .order_by("journey", "subject")
    )
    labels = dict(Journey.choices)
    return [
        {
            "journey": labels.get(row["journey"], row["journey"]),
            "subject": row["subject"],
            "answers": _published(row["answers"]),
            "average": _average(row["score_sum"], row["answers"]),
        }
        for row in totals
    ]


# The open datasets: every month the refresh computed, column names as published (stable, Dutch, snake_case).
CASE_COLUMNS = [
    "zaaktype",
    "maand",
    "afgehandeld",
    "binnen_norm_procent",
    "doorlooptijd_mediaan_dagen",
    "doorlooptijd_p90_dagen",
    "tevredenheid_antwoorden",
    "tevredenheid_gemiddeld",
]
SATISFACTION_COLUMNS = ["klantreis", "onderwerp", "maand", "antwoorden", "gemiddelde_score"]


def dataset_rows(dataset: str) -> list[dict]:
    figures = MonthlyFigure.objects.filter(dataset=dataset).order_by("subject", "journey", "month")
    if dataset == Dataset.CASES:
        return [
            dict(
                zip(
                    CASE_COLUMNS,
                    [figure.subject, f"{figure.month:%Y-%m}", *_published_case_row(figure).values()],
                    strict=True,
                )
            )
            for figure in figures
            if figure.handled  # a row made only to carry today's overdue count is not published
        ]
    return [
        {
            "klantreis": figure.journey,
            "onderwerp": figure.subject,
            "maand": f"{figure.month:%Y-%m}",
            "antwoorden": figure.answers if figure.answers >= K_ANONYMITY else None,
            "gemiddelde_score": round(figure.score_sum / figure.answers, 2) if figure.answers >= K_ANONYMITY else None,
        }
        for figure in figures
    ]


TREND_MONTHS = 6


def staff_dashboard(*, today: date) -> dict:
    """The back office's view: per team the last months' figures (exact, not hidden: staff only), overdue cases
    now, the subjects residents rate lowest and the latest comments (masked when they were stored)."""
    from portal.cases.models import Case, Team
    from portal.opendata.models import Satisfaction

    months = months_shown(today=today)[-TREND_MONTHS:]
    per_team = defaultdict(Counter)  # (team, month) → summed figures
    figures = MonthlyFigure.objects.filter(dataset=Dataset.CASES, month__gte=months[0], month__lte=months[-1])
    for figure in figures.values("team_id", "month", "handled", "within_norm", "answers", "score_sum"):
        per_team[figure.pop("team_id"), figure.pop("month")].update(figure)
    overdue = dict(
        Case.objects.filter(closed_at__isnull=True, expected_on__lt=today)
        .values_list("case_type__team_id")
        .annotate(n=models.Count("pk"))
        .values_list("case_type__team_id", "n")
    )

    def cell(team: Team, month: date) -> dict:
        sums = per_team.get((team.pk, month), Counter())
        return {
            "month": month,
            "handled": sums["handled"],
            "within_pct": round(100 * sums["within_norm"] / sums["handled"]) if sums["handled"] else None,
            "satisfaction": round(sums["score_sum"] / sums["answers"], 1) if sums["answers"] else None,
        }

    teams = [
        {"name": team.name, "overdue": overdue.get(team.pk, 0), "months": [cell(team, month) for month in months]}
        for team in Team.objects.order_by("name")
    ]
    answers = Satisfaction.objects.filter(answered_on__gte=months[0])
    lowest = (
        answers.values("journey", "subject")
        .annotate(answers=models.Count("pk"), average=models.Avg("score"))
        .order_by("average", "-answers")[:5]
    )
    labels = dict(Journey.choices)
    return {
        "months": months,
        "teams": teams,
        "lowest": [{**row, "journey": labels.get(row["journey"], row["journey"])} for row in lowest],
        "comments": answers.exclude(comment="").select_related("team").order_by("-answered_on", "-pk")[:50],
    }
