"""Destruction lists in the admin: the records team reviews what `retention_run` proposed, a second person
approves, and the list stays as the record of what was destroyed."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_required

from portal.records.forms import RejectForm, ReviewForm
from portal.records.models import DestructionList
from portal.records.services import (
    NotAllowed,
    destruction_list_approve,
    destruction_list_reject,
    destruction_list_review,
)


@permission_required("records.view_destructionlist")
def destruction_lists(request):
    lists = DestructionList.objects.annotate(
        item_count=Count("items"), kept_count=Count("items", filter=~Q(items__excluded_reason=""))
    ).order_by("-created_at", "-pk")
    page = Paginator(lists, 50).get_page(request.GET.get("p"))
    return render(request, "records/destruction_lists.html", {"lists": page})


def _may(user, destruction_list: DestructionList) -> dict[str, bool]:
    state = destruction_list.state
    review = state == DestructionList.State.TO_REVIEW and user.has_perm("records.change_destructionlist")
    approve = state == DestructionList.State.REVIEWED and user.has_perm("records.approve_destructionlist")
    return {
        "review": review,
        "approve": approve and destruction_list.reviewed_by_id != user.pk,
        "reject": review or approve,
    }


@permission_required("records.view_destructionlist")
def destruction_list_detail(request, number: str):
    destruction_list = get_object_or_404(DestructionList, number=number)
    items = destruction_list.items.all()
    may = _may(request.user, destruction_list)
    action = request.POST.get("action") if request.method == "POST" else None
    review_form = ReviewForm(request.POST if action == "review" else None, items=items)
    reject_form = RejectForm(request.POST if action == "reject" else None)
    if action and not may.get(action):
        messages.error(request, _("Dat kan niet (meer) met deze lijst."))
        return redirect("records:detail", number=number)
    try:
        if action == "review" and review_form.is_valid():
            destruction_list_review(
                destruction_list=destruction_list, user=request.user, excluded=review_form.excluded()
            )
            messages.success(request, _("Beoordeeld. Een tweede persoon keurt de lijst nu goed."))
            return redirect("records:detail", number=number)
        if action == "approve":
            destruction_list_approve(destruction_list=destruction_list, user=request.user)
            messages.success(
                request, _("Goedgekeurd. De items worden nu vernietigd; deze lijst blijft als verklaring.")
            )
            return redirect("records:detail", number=number)
        if action == "reject" and reject_form.is_valid():
            destruction_list_reject(
                destruction_list=destruction_list, user=request.user, reason=reject_form.cleaned_data["reason"]
            )
            messages.success(request, _("Afgewezen. Er wordt niets vernietigd."))
            return redirect("records:detail", number=number)
    except NotAllowed as refused:
        messages.error(request, str(refused))
        return redirect("records:detail", number=number)
    context = {
        "destruction_list": destruction_list,
        "items": items,
        "may": may,
        "review_form": review_form,
        "reject_form": reject_form,
        "own_review": destruction_list.state == DestructionList.State.REVIEWED
        and destruction_list.reviewed_by_id == request.user.pk,
    }
    return render(request, "records/destruction_list_detail.html", context, status=400 if action else 200)
