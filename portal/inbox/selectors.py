from django.db.models import QuerySet

from portal.inbox.models import Message


def messages_for_resident(*, resident) -> QuerySet[Message]:
    return Message.objects.filter(resident=resident).select_related("case")


def unread_count(*, resident) -> int:
    return Message.objects.filter(resident=resident, read_at__isnull=True).count()
