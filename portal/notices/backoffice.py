"""Staff's side of proactive notices: figures per rule, the area preview with its second confirmation, and the
post room's letter batches. Letters and the preview's streets are personal data: every read goes to the access log."""

from collections import Counter

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from portal.core.models import audit
from portal.notices.letters import render_letter_batch
from portal.notices.models import LetterBatch, NoticeRule
from portal.notices.runner import residents_in_area
from portal.notices.selectors import letter_batches, rule_figures
from portal.notices.services import area_notice_approve, letter_batch_mark_sent

STREETS_SHOWN = 50


class SendForm(forms.Form):
    large_confirmed = forms.BooleanField(label=_("Ja, stuur dit bericht aan al deze inwoners"), required=False)


@permission_required("notices.view_notice", raise_exception=True)
def overview(request):
    return render(
        request,
        "notices/backoffice/overview.html",
        {"rules": rule_figures(), "batches": letter_batches()[:50]},
    )


@permission_required("notices.change_noticerule", raise_exception=True)
def area_send(request, uuid):
    """Preview (how many residents, which streets) and, after approval, sending of an area notice."""
    rule = get_object_or_404(NoticeRule, uuid=uuid, kind=NoticeRule.Kind.AREA)
    try:
        rule.full_clean()
        streets = Counter(resident.street for resident in residents_in_area(rule))
    except ValidationError as error:
        return render(
            request, "notices/backoffice/area_send.html", {"rule": rule, "errors": error.messages}, status=400
        )
    count = sum(streets.values())
    form = SendForm(request.POST if request.method == "POST" else None)
    audit(user=request.user, action="view", obj=rule, context=f"voorbeeld gebied: {count} inwoners")
    if request.method == "POST" and form.is_valid():
        try:
            area_notice_approve(
                rule=rule, by=request.user, residents=count, large_confirmed=form.cleaned_data["large_confirmed"]
            )
        except ValidationError as error:
            form.add_error("large_confirmed" if error.code == "confirm_large" else None, error)
        else:
            messages.success(request, _("Het bericht wordt nu verstuurd aan %(count)s inwoners.") % {"count": count})
            return redirect("notices_overview")
    context = {
        "rule": rule,
        "count": count,
        "streets": streets.most_common(STREETS_SHOWN),
        "more_streets": max(0, len(streets) - STREETS_SHOWN),
        "large": count > settings.LOKET_AREA_NOTICE_CONFIRM_ABOVE,
        "limit": settings.LOKET_AREA_NOTICE_CONFIRM_ABOVE,
        "form": form,
    }
    return render(request, "notices/backoffice/area_send.html", context, status=400 if form.errors else 200)


@permission_required("notices.view_notice", raise_exception=True)
def letter_batch_pdf(request, uuid):
    batch = get_object_or_404(LetterBatch, uuid=uuid)
    audit(user=request.user, action="print", obj=batch, context="brieven voor de postkamer")
    response = HttpResponse(render_letter_batch(batch=batch), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="brieven-{batch.created_at:%Y%m%d-%H%M}-{batch.pk}.pdf"'
    return response


@require_POST
@permission_required("notices.change_notice", raise_exception=True)
def letter_batch_sent(request, uuid):
    letter_batch_mark_sent(batch=get_object_or_404(LetterBatch, uuid=uuid), by=request.user)
    messages.success(request, _("De brieven staan als verstuurd genoteerd."))
    return redirect("notices_overview")
