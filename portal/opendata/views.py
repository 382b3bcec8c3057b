import csv
import json

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.auth import permission_required

from portal.opendata import catalogue, selectors
from portal.opendata.forms import SatisfactionForm
from portal.opendata.models import Chart, Dataset, Refresh, Satisfaction
from portal.opendata.selectors import (
    CASE_COLUMNS,
    SATISFACTION_COLUMNS,
    dataset_rows,
    months_shown,
    public_case_rows,
    public_satisfaction_rows,
)
from portal.opendata.services import AlreadyAnswered, JourneyRef, satisfaction_record


def open_data(request):
    today = timezone.localdate()
    charts = dict(Chart.objects.values_list("subject", "svg"))
    subjects = [
        {"name": subject, "rows": rows, "chart": charts.get(subject, "")}
        for subject, rows in public_case_rows(today=today).items()
    ]
    return render(
        request,
        "opendata/open_data.html",
        {
            "subjects": subjects,
            "satisfaction": public_satisfaction_rows(today=today),
            "months": months_shown(today=today),
            "refreshed": Refresh.objects.first(),
            "datasets": catalogue.DATASETS,
        },
    )


def _dataset(name: str) -> tuple[list[str], list[dict]]:
    if name not in Dataset.values:
        raise Http404
    return (CASE_COLUMNS if name == Dataset.CASES else SATISFACTION_COLUMNS), dataset_rows(name)


def dataset_csv(request, dataset):
    columns, rows = _dataset(dataset)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{dataset}.csv"'
    writer = csv.DictWriter(response, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return response


def dataset_json(request, dataset):
    _columns, rows = _dataset(dataset)
    refreshed = Refresh.objects.first()
    return JsonResponse(
        {
            "dataset": dataset,
            "licentie": catalogue.LICENSE,
            "bijgewerkt": refreshed.finished_at.isoformat() if refreshed else None,
            "rijen": rows,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def catalogue_jsonld(request):
    body = json.dumps(catalogue.catalogue(request=request, refreshed=Refresh.objects.first()), ensure_ascii=False)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")


@require_http_methods(["GET", "POST"])
def satisfaction(request):
    """The question on a page of its own: where a prompt without JavaScript posts to, and where errors are shown."""
    data = request.POST if request.method == "POST" else None
    form = SatisfactionForm(data, initial={"token": request.GET.get("t", ""), "next": request.GET.get("next", "")})
    token = (data or {}).get("token") or request.GET.get("t", "")
    try:
        ref = JourneyRef.from_token(token)
    except signing.BadSignature:
        return render(request, "opendata/satisfaction_invalid.html", status=400)
    if not form.is_bound and Satisfaction.objects.filter(journey_key=ref.key).exists():
        return render(request, "opendata/satisfaction_done.html", {"already": True})
    if form.is_bound and form.is_valid():
        try:
            satisfaction_record(ref=ref, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"])
        except AlreadyAnswered:
            return render(request, "opendata/satisfaction_done.html", {"already": True}, status=409)
        messages.success(request, _("Bedankt voor uw antwoord. Daarmee maken we onze dienstverlening beter."))
        target = form.cleaned_data["next"]
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            return redirect(target)
        return redirect(reverse("opendata:satisfaction_thanks"))
    status = 400 if form.is_bound else 200  # a bound form that got here did not validate
    return render(request, "opendata/satisfaction.html", {"form": form, "ref": ref}, status=status)


def satisfaction_thanks(request):
    return render(request, "opendata/satisfaction_done.html", {"already": False})


@permission_required("opendata.view_service_figures")
def staff_dashboard(request):
    return render(request, "opendata/admin_dashboard.html", selectors.staff_dashboard(today=timezone.localdate()))
