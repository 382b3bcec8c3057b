from datetime import timedelta

from django_tasks import task

from portal.cases.models import StatusChange
from portal.inbox.services import message_for_status_change

# The same status set again within this time (a double click, a correction) is announced once.
REPEAT_WINDOW = timedelta(minutes=15)


@task()
def notify_status_change(change_id: int) -> str:
    change = StatusChange.objects.select_related("case__resident", "case__case_type", "status_type").get(pk=change_id)
    repeated = StatusChange.objects.filter(
        case_id=change.case_id,
        status_type_id=change.status_type_id,
        set_at__gte=change.set_at - REPEAT_WINDOW,
        pk__lt=change.pk,
    ).exists()
    if repeated:
        return "repeat"
    return "sent" if message_for_status_change(change=change) else "already sent"
