"""The back office for reports in the Wagtail admin ("Meldingen"): staff of the routed team find, follow and
handle reports; every look at a report (which may hold a reporter's contact details) is written to the access log."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.auth import user_passes_test

from portal.cases.models import Team
from portal.core.models import audit
from portal.core.storage import private_storage
from portal.reports import geo, selectors, services
from portal.reports.models import Category, District, Report

STATE_CHOICES = [
    ("", _("Open")),
    ("overdue", _("Open en te laat")),
    ("closed", _("Afgehandeld")),
    ("all", _("Alle")),
]


def is_report_handler(user) -> bool:
    """A member of a team that reports are routed to, by category or district (or an administrator)."""
    routed_to = Q(report_categories__isnull=False) | Q(report_districts__isnull=False)
    return user.is_active and (user.is_superuser or Team.objects.filter(routed_to, members=user).exists())


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Meldingnummer"), required=False, max_length=20)
    state = forms.ChoiceField(label=_("Toestand"), choices=STATE_CHOICES, required=False)
    category = forms.ModelChoiceField(label=_("Soort"), queryset=Category.objects.none(), required=False)
    district = forms.ModelChoiceField(label=_("Wijk"), queryset=District.objects.all(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        categories = Category.objects.select_related("parent")
        if not user.is_superuser:
            # A district's team may get any kind of report: it filters on all of them.
            in_a_district_team = Exists(District.objects.filter(team__members=user))
            categories = categories.filter(
                Q(team__members=user) | Q(children__team__members=user) | Q(in_a_district_team)
            ).distinct()
        self.fields["category"].queryset = categories


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"))
    public_text = forms.CharField(
        label=_("Bericht aan de melder en volgers"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zij lezen dit op de pagina van de melding. Geen persoonsgegevens van anderen."),
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = services.TRANSITIONS.get(report.status, set())
        self.fields["status"].choices = [(value, label) for value, label in Report.Status.choices if value in allowed]


class NoteForm(forms.Form):
    internal_text = forms.CharField(
        label=_("Interne notitie"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MergeForm(forms.Form):
    into = forms.CharField(
        label=_("Samenvoegen met melding"),
        max_length=20,
        help_text=_("Het nummer van de melding die blijft, zoals MOR-2026-000123. Volgers gaan mee."),
    )

    def __init__(self, *args, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.reports = reports

    def clean_into(self):
        reference = self.cleaned_data["into"].strip().upper()
        into = self.reports.filter(reference=reference).first()
        if into is None:
            raise ValidationError(_("Geen melding van uw teams met dit nummer."))
        return into


class BulkStatusForm(forms.Form):
    reports = forms.ModelMultipleChoiceField(queryset=Report.objects.none(), to_field_name="uuid")
    status = forms.ChoiceField(
        label=_("Status van de gekozen meldingen"),
        choices=[
            (s, label)
            for s, label in Report.Status.choices
            if s not in (Report.Status.REOPENED, Report.Status.MERGED, Report.Status.RECEIVED)
        ],
    )
    public_text = forms.CharField(label=_("Bericht aan melders"), required=False, max_length=2000)

    def __init__(self, *args, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reports"].queryset = reports


def _filtered(request, form):
    reports = selectors.reports_for_staff(user=request.user).annotate(follower_count=Count("followers"))
    state = ""
    if form.is_valid():
        data = form.cleaned_data
        state = data["state"]
        if data["q"]:
            reports = reports.filter(reference__icontains=data["q"].strip())
        if data["category"]:
            reports = reports.filter(Q(category=data["category"]) | Q(category__parent=data["category"]))
        if data["district"]:
            reports = reports.filter(district=data["district"])
    today = timezone.localdate()
    if state == "overdue":
        reports = reports.filter(status__in=Report.OPEN, due_on__lt=today)
    elif state == "closed":
        reports = reports.filter(status__in=[Report.Status.CLOSED, Report.Status.MERGED])
    elif state != "all":
        reports = reports.filter(status__in=Report.OPEN)
    return reports.order_by("due_on", "pk"), today


@user_passes_test(is_report_handler)
def report_list(request):
    form = FilterForm(request.GET or None, user=request.user)
    reports, today = _filtered(request, form)
    bulk = None
    if request.method == "POST":
        bulk = BulkStatusForm(request.POST, reports=selectors.reports_for_staff(user=request.user))
        if bulk.is_valid():
            done, refused = 0, []
            for report in bulk.cleaned_data["reports"]:
                try:
                    services.report_set_status(
                        report=report,
                        status=bulk.cleaned_data["status"],
                        public_text=bulk.cleaned_data["public_text"],
                        by=request.user,
                    )
                    done += 1
                except ValidationError:
                    refused.append(report.reference)
            messages.success(
                request,
                ngettext("%(count)d melding bijgewerkt.", "%(count)d meldingen bijgewerkt.", done) % {"count": done},
            )
            if refused:
                messages.warning(
                    request,
                    _("Niet bijgewerkt (deze status kan niet vanuit hun huidige): %(list)s")
                    % {"list": ", ".join(refused)},
                )
            return redirect(request.get_full_path())
    page = Paginator(reports, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "reports/backoffice/list.html",
        {
            "form": form,
            "reports": page,
            "today": today,
            "bulk": bulk or BulkStatusForm(reports=Report.objects.none()),
            "map_points": _map_points(reports),
            **geo.map_context(),
        },
        status=400 if bulk is not None else 200,
    )


MAP_POINTS = 1000


def _map_points(reports) -> list[dict]:
    """The filtered reports for the map above the list (the list is the way without a map): one narrow query."""
    rows = reports.values_list("uuid", "reference", "latitude", "longitude", "status", "due_on")[:MAP_POINTS]
    today, labels = timezone.localdate(), dict(Report.Status.choices)
    return [
        {
            "url": reverse("reports_backoffice:detail", kwargs={"uuid": uuid}),
            "reference": reference,
            "lat": latitude,
            "lon": longitude,
            "status": str(labels[status]),
            "late": status in Report.OPEN and due_on < today,
        }
        for uuid, reference, latitude, longitude, status, due_on in rows
    ]


def _staff_report(request, uuid) -> Report:
    report = (
        selectors.reports_for_staff(user=request.user)
        .prefetch_related("updates__by", "photos", "feedback")
        .annotate(follower_count=Count("followers"))
        .filter(uuid=uuid)
        .first()
    )
    if report is None:
        raise Http404
    return report


# action → (its form, given the report, the staff member's reports and the posted data; what it does; what staff
# are told)
ACTIONS = {
    "status": (
        lambda report, reports, *data: StatusForm(*data, report=report),
        lambda request, report, data: services.report_set_status(report=report, by=request.user, **data),
        _("De status is gewijzigd; de melder en volgers krijgen bericht."),
    ),
    "note": (
        lambda report, reports, *data: NoteForm(*data),
        lambda request, report, data: services.report_add_note(
            report=report, text=data["internal_text"], by=request.user
        ),
        _("De notitie is opgeslagen."),
    ),
    "merge": (
        lambda report, reports, *data: MergeForm(*data, reports=reports),
        lambda request, report, data: services.report_merge(duplicate=report, into=data["into"], by=request.user),
        _("De melding is samengevoegd; melder en volgers volgen nu de andere melding."),
    ),
}


def _audit(request, report, action: str, context: str) -> None:
    audit(user=request.user, action=action, obj=report, context=context, subject=report.resident, team=report.team.name)


@user_passes_test(is_report_handler)
def report_detail(request, uuid):
    report = _staff_report(request, uuid)
    reports = selectors.reports_for_staff(user=request.user)
    forms_ = {name: make(report, reports) for name, (make, _do, _done) in ACTIONS.items()}
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "photos":
        chosen = set(request.POST.getlist("approved"))
        for photo in report.photos.all():
            approved = str(photo.uuid) in chosen
            if photo.approved_public != approved:
                photo.approved_public = approved
                photo.save(update_fields=["approved_public"])
        _audit(request, report, "change", "photos")
        messages.success(request, _("De keuze voor de openbare kaart is opgeslagen."))
        return redirect("reports_backoffice:detail", uuid=report.uuid)
    if action in ACTIONS:
        make, do, done = ACTIONS[action]
        forms_[action] = form = make(report, reports, request.POST)
        if form.is_valid():
            try:
                do(request, report, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, done)
                return redirect("reports_backoffice:detail", uuid=report.uuid)
    else:
        _audit(request, report, "view_report", "behandeling")
    nearby = selectors.nearby_open(category=report.category, latitude=report.latitude, longitude=report.longitude)
    return render(
        request,
        "reports/backoffice/detail.html",
        {
            "report": report,
            "today": timezone.localdate(),
            "nearby": [item for item in nearby if item.report.pk != report.pk],
            **{f"{name}_form": form for name, form in forms_.items()},
        },
        status=400 if action else 200,
    )


@user_passes_test(is_report_handler)
def report_photo(request, uuid, photo):
    report = _staff_report(request, uuid)
    found = next((item for item in report.photos.all() if item.uuid == photo), None)
    if found is None:
        raise Http404
    _audit(request, report, "view_photo", str(found.uuid))
    response = FileResponse(private_storage().open(found.file.name), content_type=found.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


app_name = "reports_backoffice"
urlpatterns = [
    path("", report_list, name="list"),
    path("<uuid:uuid>/", report_detail, name="detail"),
    path("<uuid:uuid>/fotos/<uuid:photo>/", report_photo, name="photo"),
]
