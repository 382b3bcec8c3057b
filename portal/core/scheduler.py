"""One scheduler for every periodic job. Each app registers its jobs (a management command and how often it runs);
`manage.py scheduler` runs them. Any number of schedulers may run, on one machine or several: a job runs once per
period because each run first inserts a row unique per (job, period), and only the scheduler whose insert
succeeds runs it. That works the same on SQLite and PostgreSQL, needs no Redis, and a crashed scheduler loses
nothing: the next period runs as usual.

Why not rq-scheduler or APScheduler: rq-scheduler needs Redis, which the embedded default has not; APScheduler's
job stores do not stop two schedulers from running the same job. The commands themselves are idempotent and safe
to run twice, so the row is about doing the work once, not about correctness."""

import io
import logging
import time
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

if TYPE_CHECKING:
    from portal.core.models import JobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    every: timedelta
    args: tuple[str, ...] = ()

    def period_start(self, now: datetime) -> datetime:
        """The start of the period `now` falls in; periods are counted from the epoch, in UTC."""
        seconds = self.every.total_seconds()
        return datetime.fromtimestamp(now.timestamp() // seconds * seconds, tz=UTC)


class Registry:
    def __init__(self):
        self._jobs: dict[str, Job] = {}

    def register(self, name: str, *, command: str, every: timedelta, args: tuple[str, ...] = ()) -> None:
        if every < timedelta(minutes=1):
            raise ValueError("a periodic job runs at most once a minute")
        self._jobs[name] = Job(name=name, command=command, every=every, args=args)

    def __iter__(self):
        return iter(sorted(self._jobs.values(), key=lambda job: job.name))

    def __getitem__(self, name: str) -> Job:
        return self._jobs[name]


jobs = Registry()


def run_if_due(job: Job, *, now: datetime | None = None) -> "JobRun | None":
    """Runs the job if no scheduler has run it in this period yet; the run is recorded with its outcome."""
    from portal.core.models import JobRun

    now = now or timezone.now()
    try:
        with transaction.atomic():
            run = JobRun.objects.create(job=job.name, period_start=job.period_start(now), started_at=timezone.now())
    except IntegrityError:
        return None  # another scheduler (or this one) took this period
    output = io.StringIO()
    began = time.monotonic()
    try:
        call_command(job.command, *job.args, stdout=output, stderr=output)
    except Exception:  # noqa: BLE001 - a failing job is recorded and retried next period; the others go on
        logger.error("periodic job failed", extra={"job": job.name})
        run.outcome = JobRun.Outcome.FAILED
        output.write(traceback.format_exc(limit=5))
    else:
        run.outcome = JobRun.Outcome.OK
    run.seconds = round(time.monotonic() - began, 3)
    run.output = output.getvalue()[-2000:]
    run.finished_at = timezone.now()
    run.save(update_fields=["outcome", "seconds", "output", "finished_at"])
    logger.info("periodic job ran", extra={"job": job.name, "outcome": run.outcome, "seconds": run.seconds})
    return run


class Scheduler:
    """Checks every job each tick, but asks the database only when a job's new period has begun (a tick in
    between costs no query)."""

    def __init__(self, selected: list[Job] | None = None):
        self.jobs = list(selected if selected is not None else jobs)
        self.tried: dict[str, datetime] = {}

    def tick(self, now: datetime | None = None) -> list:
        now = now or timezone.now()
        runs = []
        for job in self.jobs:
            period = job.period_start(now)
            if self.tried.get(job.name) == period:
                continue
            self.tried[job.name] = period
            run = run_if_due(job, now=now)
            if run is not None:
                runs.append(run)
        return runs
