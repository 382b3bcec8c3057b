from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.core.translations import Text, joined
from portal.inbox.language import in_language_of
from portal.inbox.models import Message
from portal.inbox.tasks import send_message_notification


def message_send(
    *, resident, subject: str, body: str, case=None, status_change=None, link_url: str = "", link_text: str = ""
) -> Message:
    """Put a message in the resident's inbox and, once stored, tell them on their channels (as a task). Each text is
    in the language being written in (the caller's `in_language_of(resident)`), or says its own (a `Text`: a case
    handler's words are in Dutch)."""
    with transaction.atomic():
        message = Message(
            resident=resident,
            subject=str(subject),
            body=str(body),
            case=case,
            status_change=status_change,
            link_url=link_url,
            link_text=str(link_text),
        )
        message.note_languages(subject=subject, body=body, link_text=link_text)
        message.full_clean(exclude=["status_change"])
        message.save()
        transaction.on_commit(lambda: send_message_notification.enqueue(message_id=message.pk))
    return message


def message_for_status_change(*, change) -> Message | None:
    """The inbox message announcing a status change, unless one exists already (a retried task)."""
    case = change.case
    with in_language_of(case.resident):
        subject = joined(
            ": ",
            (case.case_type.text.name, change.status_type.text.name),
            dutch=(case.case_type.name, change.status_type.name),
        )
        # The case handler's own words are in Dutch; the status's standard text in the resident's language if it has it.
        body = (
            Text(change.public_text, settings.LANGUAGE_CODE)
            if change.public_text
            else change.status_type.text.public_text
        )
        try:
            with transaction.atomic():
                return message_send(resident=case.resident, subject=subject, body=body, case=case, status_change=change)
        except IntegrityError:
            return None


def message_mark_read(*, message: Message, read: bool) -> None:
    message.read_at = timezone.now() if read else None
    message.save(update_fields=["read_at"])
