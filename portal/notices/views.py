from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from auth.decorators import resident_required
from portal.notices.forms import NoticePreferencesForm, WozCorrectionForm
from portal.notices.models import WozReview
from portal.notices.selectors import notice_choices_for_resident, woz_reviews_for_resident
from portal.notices.services import notice_preferences_update, woz_review_confirm, woz_review_correct


@resident_required
def preferences(request):
    form = NoticePreferencesForm(request.POST or None, choices=notice_choices_for_resident(resident=request.user))
    if request.method == "POST":
        if form.is_valid():
            notice_preferences_update(resident=request.user, choices=form.chosen())
            messages.success(request, _("Uw keuzes voor berichten van de gemeente zijn opgeslagen."))
            return redirect("notices:preferences")
        return render(request, "notices/preferences.html", {"form": form}, status=400)
    return render(request, "notices/preferences.html", {"form": form})


def _own_review(request, uuid) -> WozReview:
    try:
        return woz_reviews_for_resident(resident=request.user).get(uuid=uuid)
    except WozReview.DoesNotExist:
        raise Http404 from None


@resident_required
def woz_list(request):
    return render(request, "notices/woz_list.html", {"reviews": woz_reviews_for_resident(resident=request.user)})


@resident_required
def woz_detail(request, uuid):
    return render(request, "notices/woz_detail.html", {"review": _own_review(request, uuid)})


@require_POST
@resident_required
def woz_confirm(request, uuid):
    review = _own_review(request, uuid)
    try:
        woz_review_confirm(review=review)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("notices:woz_detail", uuid=review.uuid)
    messages.success(request, _("Dank u wel. U heeft bevestigd dat de gegevens van uw woning kloppen."))
    return redirect("notices:woz_detail", uuid=review.uuid)


@resident_required
def woz_correct(request, uuid):
    review = _own_review(request, uuid)
    if review.status != WozReview.Status.OPEN:
        messages.error(request, _("U heeft deze gegevens al beantwoord."))
        return redirect("notices:woz_detail", uuid=review.uuid)
    form = WozCorrectionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = woz_review_correct(review=review, resident=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Uw correctie is ontvangen als zaak %(number)s. Het WOZ-team neemt het mee in de nieuwe waarde.")
                % {"number": review.case.identification},
            )
            return redirect("notices:woz_detail", uuid=review.uuid)
    status = 400 if request.method == "POST" else 200
    return render(request, "notices/woz_correct.html", {"review": review, "form": form}, status=status)
