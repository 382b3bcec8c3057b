from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from auth.decorators import resident_required
from portal.cases.models import Case
from portal.cases.selectors import case_for_resident, cases_for_resident


@resident_required
def case_list(request):
    page = Paginator(cases_for_resident(resident=request.user), 25).get_page(request.GET.get("pagina"))
    return render(request, "cases/case_list.html", {"cases": page, "today": timezone.localdate()})


@resident_required
def case_detail(request, uuid):
    try:
        case = case_for_resident(resident=request.user, uuid=uuid)
    except Case.DoesNotExist:
        raise Http404 from None
    reached = {change.status_type_id for change in case.status_changes.all()}
    upcoming = [status for status in case.case_type.status_types.all() if status.pk not in reached and case.is_open]
    return render(
        request, "cases/case_detail.html", {"case": case, "upcoming": upcoming, "today": timezone.localdate()}
    )
