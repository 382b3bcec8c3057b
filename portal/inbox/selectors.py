from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from portal.core.prepared import prepared
from portal.inbox.models import Message


def messages_for_resident(*, resident) -> QuerySet[Message]:
    return Message.objects.filter(resident=resident).select_related("case")


@prepared(resident_id=int)
def _with_unread_count(resident_id):
    """The resident with their number of unread messages: the header asks on every page, so it is prepared."""
    unread = (
        Message.objects.filter(resident=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("resident")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        get_user_model()
        .objects.filter(pk=resident_id)
        .annotate(unread=Coalesce(Subquery(unread, output_field=IntegerField()), 0))
        .only("pk")
    )


def unread_count(*, resident) -> int:
    rows = _with_unread_count(resident_id=resident.pk)
    return rows[0].unread if rows else 0
