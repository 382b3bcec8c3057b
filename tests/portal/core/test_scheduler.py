"""One scheduler for every periodic job: each job runs once per period however many schedulers run, a failing job
is recorded and the others go on, and a tick between periods costs nothing."""

import io
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command, get_commands
from django.db import connection, connections

from portal.core.models import JobRun
from portal.core.scheduler import Job, Scheduler, jobs

NOW = datetime(2026, 12, 2, 10, 0, 30, tzinfo=UTC)
PRUNE = Job(name="probe", command="scheduler", args=("--prune",), every=timedelta(minutes=1))
BROKEN = Job(name="broken", command="scheduler", args=("--job", "does-not-exist"), every=timedelta(minutes=1))


def test_every_periodic_command_is_scheduled_and_exists():
    scheduled = {job.name: job for job in jobs}
    assert {"registrations_retry", "forms_purge", "appointments_run", "notices_run", "scheduler_prune"} <= set(
        scheduled
    )
    assert scheduled["registrations_retry"].every == timedelta(minutes=1)
    assert scheduled["appointments_run"].every == timedelta(hours=1)
    assert scheduled["notices_run"].every == timedelta(days=1)
    assert all(job.command in get_commands() for job in jobs)


def test_periods_are_whole_intervals():
    daily = Job(name="d", command="x", every=timedelta(days=1))
    assert daily.period_start(NOW) == datetime(2026, 12, 2, tzinfo=UTC)
    assert PRUNE.period_start(NOW) == datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        jobs.register("too-often", command="x", every=timedelta(seconds=10))


@pytest.mark.django_db
def test_two_schedulers_run_a_job_once_per_period(django_assert_num_queries):
    first, second = Scheduler([PRUNE]), Scheduler([PRUNE])
    [run] = first.tick(NOW)
    assert run.outcome == JobRun.Outcome.OK and "old runs forgotten" in run.output and run.seconds >= 0
    assert second.tick(NOW + timedelta(seconds=10)) == []  # the other scheduler had this minute
    with django_assert_num_queries(0):
        assert first.tick(NOW + timedelta(seconds=20)) == []  # same period: not even a question to the database
    assert len(second.tick(NOW + timedelta(minutes=1))) == 1
    assert first.tick(NOW + timedelta(minutes=1, seconds=5)) == []
    assert JobRun.objects.filter(job="probe").count() == 2


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_others_still_run():
    runs = Scheduler([BROKEN, PRUNE]).tick(NOW)
    outcomes = {run.job: run for run in runs}
    assert outcomes["broken"].outcome == JobRun.Outcome.FAILED
    assert "unknown job" in outcomes["broken"].output and outcomes["broken"].finished_at
    assert outcomes["probe"].outcome == JobRun.Outcome.OK


@pytest.mark.django_db
def test_the_command_lists_runs_once_and_prunes_old_runs():
    out = io.StringIO()
    call_command("scheduler", "--once", "--job", "scheduler_prune", stdout=out)
    assert "scheduler_prune: ok" in out.getvalue()
    JobRun.objects.create(job="old", period_start=NOW - timedelta(days=60), started_at=NOW - timedelta(days=60))
    listing = io.StringIO()
    call_command("scheduler", "--list", stdout=listing)
    assert "registrations_retry" in listing.getvalue() and "last ok" in listing.getvalue()
    pruned = io.StringIO()
    call_command("scheduler", "--prune", stdout=pruned)
    assert "1 old runs forgotten" in pruned.getvalue() and not JobRun.objects.filter(job="old").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_ten_schedulers_at_the_same_moment_run_each_job_once():
    barrier = threading.Barrier(10)

    def tick(_):
        try:
            barrier.wait()
            return len(Scheduler([PRUNE, BROKEN]).tick(NOW))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        ran = sum(pool.map(tick, range(10)))
    assert ran == 2
    assert sorted(JobRun.objects.values_list("job", flat=True)) == ["broken", "probe"]
