"""The core's business gauges: the task queue and the periodic jobs."""

from django.db.models import Max
from django.utils import timezone

from portal.core.queue import queue_backlog


def _job_health() -> dict:
    from portal.core.models import JobRun
    from portal.core.scheduler import jobs

    now = timezone.now()
    last = dict(
        JobRun.objects.filter(outcome=JobRun.Outcome.OK)
        .values("job")
        .annotate(ok=Max("started_at"))
        .values_list("job", "ok")
    )
    return {(job.name,): (now - last[job.name]).total_seconds() if last.get(job.name) else -1 for job in jobs}


def register(gauges) -> None:
    gauges.register("tasks_queued", "Tasks waiting for a worker.", queue_backlog)
    gauges.register(
        "periodic_job_last_success_seconds",
        "Seconds since each periodic job last succeeded (-1: never).",
        _job_health,
        labels=("job",),
    )
