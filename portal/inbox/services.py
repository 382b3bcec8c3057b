from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.inbox.models import Message
from portal.inbox.tasks import send_message_notification


def message_send(
    *, resident, subject: str, body: str, case=None, status_change=None, link_url: str = "", link_text: str = ""
) -> Message:
    """Put a message in the resident's inbox and, once stored, tell them on their channels (as a task)."""
    with transaction.atomic():
        message = Message(
            resident=resident,
            subject=subject,
            body=body,
            case=case,
            status_change=status_change,
            link_url=link_url,
            link_text=link_text,
        )
        message.full_clean(exclude=["status_change"])
        message.save()
        transaction.on_commit(lambda: send_message_notification.enqueue(message_id=message.pk))
    return message


def message_for_status_change(*, change) -> Message | None:
    """The inbox message announcing a status change, unless one exists already (a retried task)."""
    case = change.case
    try:
        with transaction.atomic():
            return message_send(
                resident=case.resident,
                subject=f"{case.case_type.name}: {change.status_type.name}",
                body=change.public_text or change.status_type.public_text,
                case=case,
                status_change=change,
            )
    except IntegrityError:
        return None


def message_mark_read(*, message: Message, read: bool) -> None:
    message.read_at = timezone.now() if read else None
    message.save(update_fields=["read_at"])
