import signal
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.core.models import JobRun
from portal.core.scheduler import Scheduler, jobs

KEEP_RUNS = timedelta(days=30)


class Command(BaseCommand):
    help = (
        "Run every periodic job (registration retries, reminders, notices, clean-ups) at its interval. Any number "
        "of schedulers may run at once: each job runs once per period. Stops after the running job on SIGTERM."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due now, then stop.")
        parser.add_argument("--list", action="store_true", help="Show the jobs and how each last ran.")
        parser.add_argument("--prune", action="store_true", help="Forget runs older than 30 days.")
        parser.add_argument("--job", action="append", default=[], help="Only this job (repeatable).")
        parser.add_argument("--interval", type=float, default=15.0, help="Seconds between checks (default 15).")

    def handle(self, *args, **options):
        if options["prune"]:
            deleted, _ = JobRun.objects.filter(started_at__lt=timezone.now() - KEEP_RUNS).delete()
            self.stdout.write(f"{deleted} old runs forgotten")
            return
        if options["list"]:
            return self._list()
        try:
            selected = [jobs[name] for name in options["job"]] or None
        except KeyError as unknown:
            raise CommandError(f"unknown job {unknown}; see --list") from None
        scheduler = Scheduler(selected)
        if options["once"]:
            return self._report(scheduler.tick())
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        self.stdout.write(f"scheduler: {len(scheduler.jobs)} jobs, checking every {options['interval']:g} s")
        try:
            while not stopping:
                self._report(scheduler.tick())
                deadline = time.monotonic() + options["interval"]
                while not stopping and time.monotonic() < deadline:
                    time.sleep(min(0.5, options["interval"]))
        except KeyboardInterrupt:
            pass
        self.stdout.write("scheduler stopped")

    def _report(self, runs) -> None:
        for run in runs:
            self.stdout.write(f"{run.job}: {run.outcome} in {run.seconds:.1f} s")

    def _list(self) -> None:
        for job in jobs:
            last = JobRun.objects.filter(job=job.name).order_by("-started_at").first()
            when = (
                f"last {last.outcome} at {timezone.localtime(last.started_at):%Y-%m-%d %H:%M}" if last else "never ran"
            )
            self.stdout.write(f"{job.name:<24} every {job.every}  {job.command} {' '.join(job.args)}  {when}")
