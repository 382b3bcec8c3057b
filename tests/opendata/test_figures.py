"""The figures equal what a person computes by hand from the same cases and answers."""

from datetime import UTC, date, datetime, timedelta

import pytest
from freezegun import freeze_time

from portal.cases.models import Case
from portal.opendata.models import Journey, MonthlyFigure, Refresh, Satisfaction
from portal.opendata.selectors import dataset_rows, public_case_rows, public_satisfaction_rows
from portal.opendata.services import JourneyRef, figures_refresh
from tests.opendata.conftest import handled_case

TODAY = date(2026, 12, 3)


def answers(case_type, scores, *, on: date, journey=Journey.CASE):
    for number, score in enumerate(scores):
        answer = Satisfaction.objects.create(
            journey=journey,
            subject=case_type.name,
            case_type=case_type,
            team=case_type.team,
            journey_key=JourneyRef(journey, f"{on}-{number}", case_type.name).key,
            score=score,
        )
        Satisfaction.objects.filter(pk=answer.pk).update(answered_on=on)


@pytest.fixture
def october(setting):
    """Twelve moves handled in October 2026, taking 1 to 12 days; the 4th, 8th and 12th too late."""
    for days in range(1, 13):
        received = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
        handled_case(
            setting["moving"], setting["resident"], received=received, lead=timedelta(days=days), late=days % 4 == 0
        )
    return setting


def _row(rows, subject, month):
    return next(row for row in rows[subject] if row["month"] == month)


def test_norm_share_median_and_p90_match_the_hand_computation(october):
    figures_refresh(today=TODAY)
    row = _row(public_case_rows(today=TODAY), "Verhuizing", date(2026, 10, 1))
    assert row["handled"] == 12
    assert row["within_norm_pct"] == 75.0  # 9 of 12
    assert row["median_days"] == 6.5  # the mean of the 6th and 7th: (6 + 7) / 2
    assert row["p90_days"] == 11.0  # nearest rank: the ceil(0.9 * 12) = 11th of the ordered lead times


def test_an_odd_count_has_the_middle_value_as_median(october):
    handled_case(
        october["moving"],
        october["resident"],
        received=datetime(2026, 10, 2, 9, 0, tzinfo=UTC),
        lead=timedelta(days=20),
    )
    figures_refresh(today=TODAY)
    row = _row(public_case_rows(today=TODAY), "Verhuizing", date(2026, 10, 1))
    assert (row["handled"], row["median_days"], row["p90_days"]) == (13, 7.0, 12.0)  # ceil(11.7) = 12th


def test_a_month_with_fewer_than_10_cases_is_published_without_figures(setting):
    for days in range(1, 10):
        handled_case(
            setting["extract"], setting["resident"], received=datetime(2026, 9, 1, 9, tzinfo=UTC), lead=timedelta(days)
        )
    figures_refresh(today=TODAY)
    stored = MonthlyFigure.objects.get(dataset="zaken", subject="Uittreksel BRP", month=date(2026, 9, 1))
    assert stored.handled == 9, "the refresh keeps the count; only publishing hides it"
    row = _row(public_case_rows(today=TODAY), "Uittreksel BRP", date(2026, 9, 1))
    assert row == {
        "month": date(2026, 9, 1),
        "handled": None,
        "within_norm_pct": None,
        "median_days": None,
        "p90_days": None,
        "satisfaction_answers": None,
        "satisfaction_avg": None,
    }
    (exported,) = [row for row in dataset_rows("zaken") if row["maand"] == "2026-09"]
    assert exported["afgehandeld"] is None and exported["doorlooptijd_mediaan_dagen"] is None


def test_the_month_is_the_municipalitys_month(setting):
    """Closed at 23:30 UTC on 31 October is 00:30 on 1 November in Voorbeeldstad: a November case."""
    handled_case(
        setting["moving"],
        setting["resident"],
        received=datetime(2026, 10, 30, 9, tzinfo=UTC),
        lead=timedelta(days=1, hours=14, minutes=30),
    )
    figures_refresh(today=TODAY)
    assert MonthlyFigure.objects.get(dataset="zaken").month == date(2026, 11, 1)


def test_satisfaction_averages_and_hides_below_10_answers(october):
    answers(october["moving"], [5, 4, 4, 3, 5, 2, 4, 5, 1, 4], on=date(2026, 10, 20))
    answers(october["extract"], [5, 5, 5], on=date(2026, 10, 20), journey=Journey.FORM)
    figures_refresh(today=TODAY)
    row = _row(public_case_rows(today=TODAY), "Verhuizing", date(2026, 10, 1))
    assert (row["satisfaction_answers"], row["satisfaction_avg"]) == (10, 3.7)  # 37 / 10
    by_subject = {(row["journey"], row["subject"]): row for row in public_satisfaction_rows(today=TODAY)}
    assert by_subject["Zaak afgehandeld", "Verhuizing"]["average"] == 3.7
    assert by_subject["Aanvraag versturen", "Uittreksel BRP"]["answers"] is None, "3 answers are not published"


def test_open_overdue_cases_are_counted_for_staff_but_not_published(setting):
    Case.objects.create(
        identification="TEST-OPEN-1",
        case_type=setting["moving"],
        resident=setting["resident"],
        expected_on=TODAY - timedelta(days=2),
    )
    figures_refresh(today=TODAY)
    stored = MonthlyFigure.objects.get(dataset="zaken")
    assert (stored.month, stored.overdue_open, stored.handled) == (date(2026, 12, 1), 1, 0)
    assert dataset_rows("zaken") == []


def test_a_refresh_replaces_the_figures_and_can_run_twice(october):
    figures_refresh(today=TODAY)
    first = list(MonthlyFigure.objects.values_list("subject", "month", "handled", "within_norm", "median_days"))
    figures_refresh(today=TODAY)
    assert list(MonthlyFigure.objects.values_list("subject", "month", "handled", "within_norm", "median_days")) == first
    assert Refresh.objects.count() == 2


def test_the_refresh_draws_an_accessible_chart_per_case_type(october):
    from portal.opendata.models import Chart

    figures_refresh(today=TODAY)
    svg = Chart.objects.get(subject="Verhuizing").svg
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="grafiek-verhuizing-titel grafiek-verhuizing-beschrijving"' in svg
    assert "<script" not in svg and "<style" not in svg and " style=" not in svg, "the CSP allows neither"
    assert "oktober 2026: 75.0 %" in svg, "the description carries the figures the bars show"


def test_the_record_of_refreshes_keeps_90_days(db):
    with freeze_time("2026-08-01 03:00"):
        figures_refresh(today=date(2026, 8, 1))
    with freeze_time("2026-10-01 03:00"):
        figures_refresh(today=date(2026, 10, 1))
    figures_refresh(today=TODAY)
    assert [refresh.finished_at.month for refresh in Refresh.objects.all()] == [12, 10], "August's is past 90 days"
