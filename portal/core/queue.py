from django.conf import settings
from django.utils.module_loading import import_string


def on_rq() -> bool:
    """Whether tasks go to RQ on Redis (as in production) rather than the database queue or at once."""
    from django_tasks_rq.backend import RQBackend

    return issubclass(import_string(settings.TASKS["default"]["BACKEND"]), RQBackend)


def queue_backlog() -> int:
    """Tasks waiting for a worker, on whichever queue is configured; raises when the queue cannot be reached."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend == "django_tasks_db.DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.ready().count()
    if on_rq():
        import django_rq

        queue = django_rq.get_queue("default")
        queue.connection.ping()
        return queue.count
    return 0  # run at once (tests): nothing ever waits
