"""Tasks on RQ, handed to Redis when the transaction that queued them commits.

django-tasks-rq puts a job on Redis the moment it is queued. A task queued inside a transaction can then run
before that transaction commits, and not find the row it was queued for: Wagtail's reference index and search
index, queued as a page or form is saved, failed with DoesNotExist on the RQ workers while the same save succeeded
(the search index could miss a newly published page). The database queue has no such gap (its job is a row in the
same transaction). Loket's own services already queue on commit; this backend does it for every task, and a
rolled-back transaction queues nothing. `TASKS_BACKEND=django_tasks_rq.RQBackend` selects it (settings).
"""

import django_rq
import rq
from django.db import transaction
from django_tasks.base import TASK_MAX_PRIORITY, TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id
from django_tasks_rq.backend import Job, RQBackend, failed_callback, success_callback
from rq.job import Callback, JobStatus

from portal.core import warmup


class OnCommitRQBackend(RQBackend):
    def enqueue(self, task, args, kwargs):
        if not transaction.get_connection().in_atomic_block:
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        transaction.on_commit(lambda: self._put_on_redis(result))
        return result

    def _put_on_redis(self, result: TaskResult) -> None:
        """The job as django-tasks-rq makes it, under the id already given to the caller."""
        task = result.task
        queue = django_rq.get_queue(task.queue_name, job_class=Job)
        job = queue.create_job(
            task.module_path,
            args=result.args,
            kwargs=result.kwargs,
            job_id=result.id,
            status=JobStatus.SCHEDULED if task.run_after else JobStatus.QUEUED,
            on_failure=Callback(failed_callback),
            on_success=Callback(success_callback),
            meta={"backend_name": self.alias},
        )
        if task.run_after is None:
            job = queue.enqueue_job(job, at_front=task.priority == TASK_MAX_PRIORITY)
        else:
            job = queue.schedule_job(job, task.run_after)
        object.__setattr__(result, "enqueued_at", job.enqueued_at)
        task_enqueued.send(type(self), task_result=result)


class WarmWorker(rq.Worker):
    """RQ's worker, which runs each job in a fresh fork of itself, with the slow first steps of its jobs taken once
    in the parent first (portal/core/warmup.py), so every fork inherits them done.

    Started cold, a fork paid WeasyPrint's start (imports, fonts; ≈ 0.8 s of CPU) for every receipt it rendered, and
    the holidays library's import (≈ 0.15 s) for every case's due date: a sent form's registration took 1.1 to 2.9 s
    on a worker under load (tests/bench/bench_load.py), and the queue fell behind. The fork per job is kept: a job
    that leaks or crashes still takes only its own process with it. `manage.py rqworker default` uses this class
    (settings).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        warmup.run("worker")
