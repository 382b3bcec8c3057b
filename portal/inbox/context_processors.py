from django.utils.functional import SimpleLazyObject

from portal.inbox.selectors import unread_count


def unread_messages(request):
    """The unread count in the header, for residents and businesses, counted only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "is_party", False):
        return {}
    if "loket_acting" in request.session:  # acting for a child: the parent's messages are not the child's
        return {}
    return {"unread_messages": SimpleLazyObject(lambda: unread_count(resident=user))}
