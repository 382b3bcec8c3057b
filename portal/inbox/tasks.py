from django_tasks import task

from portal.inbox.channels import notify_new_message
from portal.inbox.models import Message


@task()
def send_message_notification(message_id: int) -> list[str]:
    message = Message.objects.select_related("resident").get(pk=message_id)
    return notify_new_message(message.resident)
