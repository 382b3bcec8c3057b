from django_tasks import task


@task()
def report_update_notify(update_id: int) -> str:
    from portal.reports.notify import update_notify

    return update_notify(update_id=update_id)
