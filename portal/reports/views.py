"""The resident's side of reports: a step-by-step report (works without JavaScript), the report's page with its
history and the "is it solved?" question, and the public map and list."""

import json
import math
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from auth import context as auth_context
from auth.decorators import resident_required
from portal.core.models import audit_lookup
from portal.core.ratelimit import rate_limited
from portal.core.storage import private_storage
from portal.core.translations import texts_of, with_texts
from portal.core.uploads import CheckedUpload
from portal.opendata import prompts as satisfaction_prompts
from portal.reports import forms, geo, questions, selectors, services
from portal.reports.models import Category, Photo, Report

DRAFT = "report_draft"
SENT = "report_sent"
STEPS = [
    ("wat", gettext_lazy("Wat")),
    ("soort", gettext_lazy("Soort")),
    ("vragen", gettext_lazy("Vragen")),
    ("fotos", gettext_lazy("Foto's")),
    ("waar", gettext_lazy("Waar")),
    ("contact", gettext_lazy("Contact")),
    ("controle", gettext_lazy("Controleren")),
]
STEP_NAMES = [name for name, _label in STEPS]
MAP_PAGE_SIZE = 500
MAX_BBOX_DEGREES = 0.5


def _draft(request) -> dict:
    return request.session.get(DRAFT) or {}


def _save(request, draft: dict) -> None:
    request.session[DRAFT] = draft


def _category(draft) -> Category | None:
    code = draft.get("category")
    return (
        Category.objects.filter(code=code, is_active=True, parent__isnull=False)
        .select_related("parent__questions", "questions")
        .first()
    )


# A step's handler returns this to go on to the next step the report asks.
NEXT = object()


def _steps(compiled) -> list:
    """The steps this report asks: the extra questions only for a category that has them."""
    return [(name, label) for name, label in STEPS if name != "vragen" or compiled is not None]


def _neighbour(step: str, compiled, offset: int) -> str | None:
    names = [name for name, _label in _steps(compiled)]
    index = names.index(step) + offset if step in names else -1
    return names[index] if 0 <= index < len(names) else None


def _drop_photos(draft: dict) -> None:
    """The draft's photo copies go; a copy already gone (a second tab sent the same draft) is no problem."""
    paths = [photo["path"] for photo in draft.get("photos", [])]
    storage = private_storage()
    transaction.on_commit(lambda: [storage.delete(path) for path in paths])


def _first_gap(draft: dict, step: str, category, compiled) -> str | None:
    """The first step before this one that the draft has not been through: a step opened too early sends the
    resident there."""
    done = {
        "wat": bool(draft.get("description")),
        "soort": category is not None,
        "vragen": compiled is None or draft.get("answers", {}).get("category") == category.code,
        "waar": bool(draft.get("point")),
    }
    return next((name for name in STEP_NAMES[: STEP_NAMES.index(step)] if not done.get(name, True)), None)


def start(request):
    """A fresh report (what was typed before is dropped, with its photos)."""
    _drop_photos(_draft(request))
    request.session.pop(DRAFT, None)
    return redirect("reports:step", step="wat")


def step(request, step):
    if step not in dict(STEPS):
        raise Http404
    draft = _draft(request)
    category = _category(draft) if step != "wat" else None
    compiled = questions.compiled_for(category) if category else None
    gap = _first_gap(draft, step, category, compiled)
    if gap:
        return redirect("reports:step", step=gap)
    if step == "vragen" and compiled is None:
        return redirect("reports:step", step="fotos")
    context = {
        "step": step,
        "steps": _steps(compiled),
        "back": _neighbour(step, compiled, -1),
        "draft": draft,
        "category": category,
        "questions": compiled,
        "problem": request.session.pop("report_problem", ""),
        **geo.map_context(),
    }
    result = STEP_HANDLERS[step](request, draft, context)
    if result is NEXT:
        _save(request, draft)
        category = _category(draft)
        return redirect("reports:step", step=_neighbour(step, category and questions.compiled_for(category), 1))
    if isinstance(result, str):
        _save(request, draft)
        return redirect("reports:step", step=result)
    if result is not None:
        return result
    response = render(request, f"reports/step_{step}.html", context)
    response.status_code = 400 if request.method == "POST" and context.get("form") and context["form"].errors else 200
    return response


def _bound(request, form_class, **kwargs):
    return form_class(request.POST, request.FILES, **kwargs) if request.method == "POST" else None


def _step_wat(request, draft, context):
    form = _bound(request, forms.DescriptionForm) or forms.DescriptionForm(initial=draft)
    if form.is_bound and form.is_valid():
        draft["description"] = form.cleaned_data["description"].strip()
        return NEXT
    context["form"] = form


def _step_soort(request, draft, context):
    # Imported here: scikit-learn takes a second to load, which no other page should pay for.
    from portal.reports.suggest import suggestions_for

    groups = selectors.categories_for_choice()
    form = _bound(request, forms.CategoryForm, groups=groups)
    if form is not None and form.is_valid():
        draft["category"] = form.cleaned_data["category"]
        return NEXT
    # The model is asked only when the choice is shown, not for the post that makes it.
    suggestions = suggestions_for(draft["description"])
    initial = draft.get("category") or (suggestions[0].category.code if suggestions else None)
    form = form or forms.CategoryForm(groups=groups, initial={"category": initial})
    selected = form["category"].value() if form.is_bound else initial
    context.update(form=form, groups=groups, suggestions=suggestions, selected=selected)


def _step_vragen(request, draft, context):
    """The category's extra questions; answers given for another category are not offered again."""
    category, compiled = context["category"], context["questions"]
    given = draft.get("answers", {})
    stored = given.get("values", {}) if given.get("category") == category.code else {}
    form = questions.step_form(compiled, request.POST if request.method == "POST" else None, stored=stored)
    if form.is_bound and form.is_valid():
        rows = questions.answer_rows(form)
        draft["answers"] = {"category": category.code, "values": form.answers(), "rows": rows}
        return NEXT
    context.update(form=form, title=compiled.steps[0]["title"])


def _step_fotos(request, draft, context):
    photos = draft.setdefault("photos", [])
    if request.method == "POST" and "remove" in request.POST:
        kept = [photo for photo in photos if photo["id"] != request.POST["remove"]]
        _drop_photos({"photos": [photo for photo in photos if photo not in kept]})
        draft["photos"] = kept
        return "fotos"
    form = _bound(request, forms.PhotosForm, already=len(photos)) or forms.PhotosForm()
    if form.is_bound and form.is_valid():
        for checked, location in form.cleaned_data["photos"]:
            path = private_storage().save(f"{services.DRAFTS}/{uuid.uuid4().hex}-{checked.name}", checked.content)
            photos.append(
                {
                    "id": uuid.uuid4().hex[:12],
                    "path": path,
                    "name": checked.name,
                    "type": checked.content_type,
                    "size": checked.size,
                }
            )
            if location and not draft.get("point"):
                draft["photo_point"] = list(location)
        if context["category"].photo_required and not photos:
            form.add_error("photos", _("Voor deze soort melding hebben we een foto nodig."))
        else:
            return NEXT
    context.update(form=form, photos=photos)


def _step_waar(request, draft, context):
    initial = {}
    point = draft.get("point") or draft.get("photo_point")
    if point:
        initial = {"latitude": str(point[0]), "longitude": str(point[1])}  # not localised: "52.09", never "52,09"
    form = _bound(request, forms.LocationForm) or forms.LocationForm(initial=initial)
    if form.is_bound and form.is_valid():
        draft["point"] = list(form.cleaned_data["point"])
        draft["address"] = form.cleaned_data.get("address", "")
        draft["street"] = form.cleaned_data.get("street", "")
        draft.pop("photo_point", None)
        return NEXT
    context.update(form=form, from_photo=bool(draft.get("photo_point")) and not draft.get("point"))


def _step_contact(request, draft, context):
    initial = {key: draft.get(key, "") for key in ("contact_name", "contact_email", "contact_phone")}
    if request.user.is_authenticated and not any(initial.values()):
        from portal.profile.selectors import verified_email

        if "known_name" not in draft:  # asked of the BRP once per report, not on every visit of the step
            draft["known_name"] = _name_from_brp(request.user)
            _save(request, draft)
        initial = {"contact_name": draft["known_name"], "contact_email": verified_email(resident=request.user)}
    form = _bound(request, forms.ContactForm) or forms.ContactForm(initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        draft.update(
            contact_name=data["contact_name"].strip(),
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"].as_e164 if data["contact_phone"] else "",
        )
        return NEXT
    context["form"] = form


def _name_from_brp(resident) -> str:
    """The resident's name as the BRP knows it (never asked of someone who logged in); empty if it is not known
    or the BRP cannot be reached (then they type it, if they want to). The lookup is logged on their behalf."""
    from forms_engine.prefill.registry import prefill

    values, _failed = prefill(resident=resident, wanted={"brp": ["volledige_naam"]})
    audit_lookup(resident=resident, registries=["BRP"], action="lookup_prefill", context=str(_("Melding doen")))
    return values.get("brp", {}).get("volledige_naam") or ""


def _step_controle(request, draft, context):
    category, point = context["category"], draft["point"]
    nearby = selectors.nearby_open(category=category, latitude=point[0], longitude=point[1])
    if request.method == "POST" and request.POST.get("follow"):
        return _follow(request, draft, nearby)
    given = draft.get("answers", {})
    answers = given.get("rows", []) if context["questions"] and given.get("category") == category.code else []
    if request.method == "POST":
        return _send(request, draft, category, answers)
    context.update(nearby=nearby, answers=answers)


STEP_HANDLERS = {
    "wat": _step_wat,
    "soort": _step_soort,
    "vragen": _step_vragen,
    "fotos": _step_fotos,
    "waar": _step_waar,
    "contact": _step_contact,
    "controle": _step_controle,
}


def _follow(request, draft, nearby):
    """ "This is mine too": only a report from the hint shown may be followed; a forged choice finds nothing."""
    match = [n.report for n in nearby if str(n.report.uuid) == request.POST["follow"]]
    if not match:
        raise Http404
    resident = request.user if request.user.is_authenticated else None
    try:
        services.report_follow(
            report=match[0], resident=resident, email="" if resident else draft.get("contact_email", "")
        )
    except ValidationError as error:
        return render(request, "reports/follow_refused.html", {"message": error.messages[0]}, status=409)
    _drop_photos(draft)
    request.session.pop(DRAFT, None)
    request.session[SENT] = {"uuid": str(match[0].uuid), "followed": True}
    return redirect("reports:sent")


@rate_limited("report", anonymous_only=True, methods=("POST",))
def _send(request, draft, category, answers):
    photos = []
    for photo in draft.get("photos", []):
        try:
            with private_storage().open(photo["path"]) as stored:
                data = stored.read()
        except FileNotFoundError:
            continue
        photos.append(CheckedUpload(ContentFile(data, name=photo["name"]), photo["name"], photo["type"], len(data)))
    try:
        report = services.report_create(
            category=category,
            description=draft["description"],
            latitude=draft["point"][0],
            longitude=draft["point"][1],
            address=draft.get("address", ""),
            street=draft.get("street", ""),
            photos=photos,
            resident=request.user if request.user.is_authenticated else None,
            auth_context=auth_context.for_request(request),
            contact_name=draft.get("contact_name", ""),
            contact_email=draft.get("contact_email", ""),
            contact_phone=draft.get("contact_phone", ""),
            answers=answers,
        )
    except ValidationError as error:
        # Something changed since the steps were checked (e.g. the category was switched off): say where.
        first = next(iter(error.message_dict))
        step_name = {"category": "soort", "location": "waar", "photos": "fotos"}.get(first, "wat")
        request.session["report_problem"] = error.message_dict[first][0]
        return redirect("reports:step", step=step_name)
    _drop_photos(draft)
    request.session.pop(DRAFT, None)
    request.session[SENT] = {"uuid": str(report.uuid)}
    return redirect("reports:sent")


def sent(request):
    done = request.session.get(SENT) or {}
    report = Report.objects.select_related("category").filter(uuid=done.get("uuid")).first()
    if report is None:
        return redirect("reports:start")
    link = ""
    if not request.user.is_authenticated and not done.get("followed"):
        link = request.build_absolute_uri(reverse("reports:follow", kwargs={"token": services.follow_token(report)}))
    return render(request, "reports/sent.html", {"report": report, "followed": done.get("followed"), "link": link})


def _report_page(request, report, *, is_reporter: bool, photo_url):
    form = None
    if is_reporter and report.status == Report.Status.CLOSED:
        form = forms.FeedbackForm(request.POST) if request.method == "POST" else forms.FeedbackForm()
        if form.is_bound and form.is_valid():
            try:
                services.report_feedback(report=report, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                return redirect(request.path)
    updates = [u for u in report.updates.all() if u.kind != "note" and (u.status or u.public_text)]
    answered = report.feedback.filter(closed_at=report.closed_at).exists() if report.closed_at else False
    response = render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "updates": updates,
            "form": form,
            "photos": [(photo, photo_url(photo)) for photo in _photos_for(report, is_reporter=is_reporter)],
            "is_reporter": is_reporter,
            "reopen_days": services.REOPEN_DAYS,
            "answered": answered,
            "satisfaction_form": satisfaction_prompts.for_report(request, report) if answered and is_reporter else None,
        },
        status=400 if form is not None and form.errors else 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _photos_for(report, *, is_reporter: bool):
    """The reporter sees every photo; a follower only those staff approved for the public (people, number plates)."""
    return [photo for photo in report.photos.all() if is_reporter or photo.approved_public]


@resident_required(business=True)
def detail(request, uuid):
    report = get_object_or_404(selectors.reports_for_resident(resident=request.user), uuid=uuid)
    return _report_page(
        request,
        report,
        is_reporter=report.resident_id == request.user.pk,
        photo_url=lambda photo: reverse("reports:photo", kwargs={"uuid": report.uuid, "photo": photo.uuid}),
    )


def follow(request, token):
    report, is_reporter = services.report_for_token(token)
    if report is None:
        raise Http404
    return _report_page(
        request,
        report,
        is_reporter=is_reporter,
        photo_url=lambda photo: reverse("reports:follow_photo", kwargs={"token": token, "photo": photo.uuid}),
    )


def _photo_response(photo: Photo):
    response = FileResponse(private_storage().open(photo.file.name), content_type=photo.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@resident_required(business=True)
def photo(request, uuid, photo):
    report = get_object_or_404(selectors.reports_for_resident(resident=request.user), uuid=uuid)
    return _photo_response(_photo_of(report, photo, is_reporter=report.resident_id == request.user.pk))


def _photo_of(report, photo, *, is_reporter: bool) -> Photo:
    found = next((item for item in _photos_for(report, is_reporter=is_reporter) if item.uuid == photo), None)
    if found is None:
        raise Http404
    return found


def follow_photo(request, token, photo):
    report, is_reporter = services.report_for_token(token)
    if report is None:
        raise Http404
    return _photo_response(_photo_of(report, photo, is_reporter=is_reporter))


@require_GET
def public_photo(request, photo):
    """A photo staff approved for the public map, of a report the public map shows."""
    photo = get_object_or_404(
        Photo.objects.filter(approved_public=True, report__in=selectors.public_reports()), uuid=photo
    )
    response = _photo_response(photo)
    response["Cache-Control"] = "public, max-age=3600"
    return response


@resident_required(business=True)
def mine(request):
    reports = selectors.reports_for_resident(resident=request.user).prefetch_related(*texts_of("category"))
    reports = Paginator(reports, 25).get_page(request.GET.get("pagina"))
    response = render(request, "reports/mine.html", {"page": reports})
    response["Cache-Control"] = "private, no-store"
    return response


def _public_category(request):
    code = request.GET.get("soort", "")
    if not code or "\x00" in code:  # PostgreSQL cannot even compare text with a NUL in it
        return None
    return Category.objects.filter(code=code, is_public=True, parent__isnull=True).first()


@require_GET
def public_list(request):
    category = _public_category(request)
    state = request.GET.get("status", "") if request.GET.get("status") in ("open", "closed") else ""
    reports = selectors.public_reports(category=category, state=state)
    page = Paginator(reports.prefetch_related(*texts_of("category", "category__parent")), 50)
    page = page.get_page(request.GET.get("pagina"))
    mains = with_texts(Category.objects.filter(parent__isnull=True, is_public=True, is_active=True))
    return render(
        request,
        "reports/public_list.html",
        {"page": page, "mains": mains, "category": category, "state": state, **geo.map_context()},
    )


def _bbox(text: str):
    try:
        values = [float(part) for part in text.split(",")]
    except ValueError:
        return None
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        return None
    min_lon, min_lat, max_lon, max_lat = values
    if (
        not (min_lon < max_lon and min_lat < max_lat)
        or max_lon - min_lon > MAX_BBOX_DEGREES
        or max_lat - min_lat > MAX_BBOX_DEGREES
    ):
        return None
    return values


@require_GET
def public_geojson(request):
    """The public map's points as GeoJSON, a bounding box (lon,lat,lon,lat) at a time, 500 a page."""
    bbox = _bbox(request.GET.get("bbox", ""))
    if bbox is None:
        return JsonResponse(
            {
                "error": _("Geef bbox=minLon,minLat,maxLon,maxLat op, hoogstens %(d)s graden breed en hoog.")
                % {"d": MAX_BBOX_DEGREES}
            },
            status=400,
        )
    try:
        number = max(1, int(request.GET.get("pagina", "1")))
    except ValueError:
        number = 1
    points = selectors.public_map_points(
        bbox=bbox, category=_public_category(request), offset=(number - 1) * MAP_PAGE_SIZE, limit=MAP_PAGE_SIZE + 1
    )
    labels = {value: str(label) for value, label in Report.Status.choices}
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [point.longitude, point.latitude]},
            "properties": {
                "reference": point.reference,
                "category": point.category,
                "mainCategory": point.main_category,
                "status": point.status,
                "statusLabel": labels[point.status],
                "created": point.created_on.isoformat(),
                "photos": [reverse("reports:public_photo", kwargs={"photo": photo}) for photo in point.photos],
            },
        }
        for point in points[:MAP_PAGE_SIZE]
    ]
    body = {"type": "FeatureCollection", "features": features}
    if len(points) > MAP_PAGE_SIZE:
        query = request.GET.copy()
        query["pagina"] = number + 1
        body["next"] = f"{request.path}?{query.urlencode()}"
    response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=60"
    return response
