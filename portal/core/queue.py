from django.conf import settings


def queue_backlog() -> int:
    """Tasks waiting for a worker, on whichever queue is configured; raises when the queue cannot be reached."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend == "django_tasks_db.DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.ready().count()
    if backend == "django_tasks_rq.RQBackend":
        import django_rq

        queue = django_rq.get_queue("default")
        queue.connection.ping()
        return queue.count
    return 0  # run at once (tests): nothing ever waits
