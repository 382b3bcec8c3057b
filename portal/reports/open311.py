"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the standard report apps speak. Services are the
active subcategories; requests are reports of public categories. Every answer comes as JSON or XML, as the URL's
extension asks. What is read back never holds a reporter's data: no description, name or contact details, and
only the street of the place. Apps post with their own API key; what they send lands in the same flow as a report
made on the website (same checks, routing and follow-up)."""

import xml.etree.ElementTree as ET
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.urls import path, register_converter, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from portal.reports import questions, selectors, services
from portal.reports.models import Category, ClientApp, Report

MAX_REQUESTS = 1000
DEFAULT_DAYS = 90


class Problem(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def _xml(parent, name: str, value) -> None:
    """One value as GeoReport v2 writes it in XML: a dict as child elements, a list as one child per item named
    in the singular (attributes → attribute, values → value), true/false in lower case."""
    element = ET.SubElement(parent, name)
    if isinstance(value, dict):
        for key, item in value.items():
            _xml(element, key, item)
    elif isinstance(value, list):
        for item in value:
            _xml(element, name.removesuffix("s"), item)
    elif value is not None:
        element.text = str(value).lower() if isinstance(value, bool) else str(value)


def _render(data, fmt: str, *, root: str, item: str, status: int = 200) -> HttpResponse:
    if fmt == "json":
        return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    element = ET.Element(root)
    for entry in data:
        _xml(element, item, entry)
    body = ET.tostring(element, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")


def _errors(problem: Problem, fmt: str) -> HttpResponse:
    data = [{"code": problem.status, "description": problem.description}]
    return _render(data, fmt, root="errors", item="error", status=problem.status)


def _answers(view):
    """Turns a Problem into the standard error list, in the format the URL asked for."""

    def wrapped(request, *args, fmt, **kwargs):
        try:
            # A NUL character is no text any field can hold (PostgreSQL refuses it): a clear 400, not a 500.
            sent = [*request.GET.values(), *request.POST.values(), *(str(value) for value in kwargs.values())]
            if any("\x00" in value for value in sent):
                raise Problem(400, _("Een parameter bevat een NUL-teken."))
            return view(request, *args, fmt=fmt, **kwargs)
        except Problem as problem:
            return _errors(problem, fmt)

    return wrapped


def _service(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": questions.compiled_for(category) is not None,
        "type": "realtime",
        "keywords": "",
        "group": category.parent.name if category.parent_id else "",
    }


def _services():
    return Category.objects.filter(is_active=True, parent__isnull=False).select_related(
        "parent__questions", "questions"
    )


@require_GET
@_answers
def services_list(request, *, fmt):
    return _render([_service(c) for c in _services()], fmt, root="services", item="service")


@require_GET
@_answers
def service_definition(request, code, *, fmt):
    category = _services().filter(code=code).first()
    if category is None:
        raise Problem(404, _("Deze service_code bestaat niet."))
    compiled = questions.compiled_for(category)
    attributes = questions.open311_attributes(compiled) if compiled else []
    if fmt == "json":
        return JsonResponse({"service_code": code, "attributes": attributes}, json_dumps_params={"ensure_ascii": False})
    root = ET.Element("service_definition")
    ET.SubElement(root, "service_code").text = code
    _xml(root, "attributes", attributes)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def _iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _request(report: Report, request) -> dict:
    photo = next(iter(report.public_photos), None)
    due = timezone.make_aware(datetime.combine(report.due_on, time(17, 0)))
    return {
        "service_request_id": report.reference,
        "status": "open" if report.is_open else "closed",
        "status_notes": report.get_status_display(),
        "service_name": report.category.name,
        "service_code": report.category.code,
        "agency_responsible": report.team.name,
        "service_notice": "",
        "requested_datetime": _iso(report.created_at),
        "updated_datetime": _iso(report.updated_at),
        "expected_datetime": _iso(due),
        "address": report.street,
        "address_id": "",
        "zipcode": "",
        "lat": report.latitude,
        "long": report.longitude,
        "media_url": request.build_absolute_uri(reverse("reports:public_photo", kwargs={"photo": photo.uuid}))
        if photo
        else "",
    }


def _moment(value: str, name: str):
    moment = parse_datetime(value.strip()) if value.strip() else None
    if moment is None:
        raise Problem(400, _("%(name)s is geen datum en tijd volgens W3C (ISO 8601).") % {"name": name})
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _search(request):
    params = request.GET
    reports = selectors.open311_requests()
    if params.get("service_request_id"):
        ids = [part.strip() for part in params["service_request_id"].split(",") if part.strip()][:MAX_REQUESTS]
        return reports.filter(reference__in=ids)
    if params.get("service_code"):
        reports = reports.filter(category__code__in=params["service_code"].split(","))
    status = params.get("status", "")
    if status not in ("", "open", "closed"):
        raise Problem(400, _("status is open of closed."))
    if status:
        condition = Q(status__in=Report.OPEN)
        reports = reports.filter(condition) if status == "open" else reports.exclude(condition)
    end = _moment(params["end_date"], "end_date") if "end_date" in params else timezone.now()
    start = (
        _moment(params["start_date"], "start_date") if "start_date" in params else end - timedelta(days=DEFAULT_DAYS)
    )
    if start > end:
        raise Problem(400, _("start_date ligt na end_date."))
    return reports.filter(created_at__gte=start, created_at__lte=end)


@csrf_exempt
@require_http_methods(["GET", "POST"])
@_answers
def requests_view(request, *, fmt):
    if request.method == "POST":
        return _create(request, fmt)
    found = [_request(report, request) for report in _search(request)[:MAX_REQUESTS]]
    return _render(found, fmt, root="service_requests", item="request")


@require_GET
@_answers
def request_detail(request, reference, *, fmt):
    report = selectors.open311_requests().filter(reference=reference).first()
    if report is None:
        raise Problem(404, _("Deze melding bestaat niet of is niet openbaar."))
    return _render([_request(report, request)], fmt, root="service_requests", item="request")


@require_GET
@_answers
def token_detail(request, token, *, fmt):
    # Reports are registered at once, so the token an app may ask about is the request's own id.
    report = Report.objects.filter(reference=token, source=Report.Source.OPEN311).first()
    if report is None:
        raise Problem(404, _("Dit token kennen we niet."))
    return _render(
        [{"service_request_id": report.reference, "token": token}], fmt, root="service_requests", item="request"
    )


def _app(request) -> ClientApp:
    key = request.POST.get("api_key", "")
    app = ClientApp.objects.filter(key_digest=services.client_key_digest(key), is_active=True).first() if key else None
    if app is None:
        raise Problem(403, _("Een geldige api_key is nodig om meldingen te versturen."))
    return app


def _create(request, fmt):
    app = _app(request)
    data = request.POST
    category = _services().filter(code=data.get("service_code", "")).first()
    if category is None:
        raise Problem(400, _("Deze service_code bestaat niet."))
    if not (data.get("lat") and data.get("long")):
        raise Problem(400, _("lat en long zijn nodig (een address_string alleen kunnen we niet op de kaart zetten)."))
    name = " ".join(part for part in (data.get("first_name", ""), data.get("last_name", "")) if part).strip()
    compiled, answers = questions.compiled_for(category), []
    if compiled is not None:
        form = questions.step_form(compiled, questions.open311_data(compiled, data))
        if not form.is_valid():
            problems = [f"attribute[{key}]: {' '.join(errors)}" for key, errors in form.errors.items()]
            raise Problem(400, " ".join(problems))
        answers = questions.answer_rows(form)
    try:
        report = services.report_create(
            category=category,
            description=data.get("description", ""),
            latitude=data.get("lat"),
            longitude=data.get("long"),
            address=data.get("address_string", "")[:200],
            contact_name=name[:100],
            contact_email=data.get("email", "")[:254],
            contact_phone=data.get("phone", "")[:20],
            source=Report.Source.OPEN311,
            client_app=app,
            answers=answers,
        )
    except ValidationError as error:
        messages = [message for field in error.message_dict.values() for message in field]
        raise Problem(400, " ".join(messages)) from None
    answer = [{"service_request_id": report.reference, "service_notice": "", "account_id": None}]
    return _render(answer, fmt, root="service_requests", item="request", status=201)


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")
urlpatterns = [
    path("services.<fmt:fmt>", services_list, name="open311_services"),
    path("services/<str:code>.<fmt:fmt>", service_definition, name="open311_service"),
    path("requests.<fmt:fmt>", requests_view, name="open311_requests"),
    path("requests/<str:reference>.<fmt:fmt>", request_detail, name="open311_request"),
    path("tokens/<str:token>.<fmt:fmt>", token_detail, name="open311_token"),
]
