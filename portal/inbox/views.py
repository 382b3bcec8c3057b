from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from auth.decorators import resident_required
from portal.inbox.models import Attachment, Message
from portal.inbox.selectors import messages_for_resident
from portal.inbox.services import message_mark_read


def _own_message(request, uuid) -> Message:
    try:
        return messages_for_resident(resident=request.user).prefetch_related("attachments").get(uuid=uuid)
    except Message.DoesNotExist:
        raise Http404 from None


@resident_required(business=True)
def message_list(request):
    page = Paginator(messages_for_resident(resident=request.user), 25).get_page(request.GET.get("pagina"))
    return render(request, "inbox/message_list.html", {"inbox": page})


@resident_required(business=True)
def message_detail(request, uuid):
    message = _own_message(request, uuid)
    if message.read_at is None:
        message_mark_read(message=message, read=True)
    return render(request, "inbox/message_detail.html", {"message": message})


@require_POST
@resident_required(business=True)
def message_mark_unread(request, uuid):
    message_mark_read(message=_own_message(request, uuid), read=False)
    return redirect("inbox:list")


@resident_required(business=True)
def attachment_download(request, uuid, attachment_id):
    message = _own_message(request, uuid)
    try:
        attachment = message.attachments.get(pk=attachment_id)
    except Attachment.DoesNotExist:
        raise Http404 from None
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
