"""Reading reports: the resident's own, the public map's (no personal data), the duplicate hint, staff worklists."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from portal.core.translations import with_texts
from portal.reports import geo
from portal.reports.models import Category, District, Photo, Report

DUPLICATE_METRES = 50
DUPLICATE_DAYS = 30
# Closed reports stay on the public map this long, so neighbours see that it was fixed.
PUBLIC_CLOSED_DAYS = 30
# The only columns the public map and list may read: never a name, contact detail or free text.
PUBLIC_FIELDS = (
    "uuid",
    "reference",
    "latitude",
    "longitude",
    "street",
    "status",
    "created_at",
    "closed_at",
    "category_id",
)


def district_at(latitude: float, longitude: float) -> District | None:
    """The first district (in their order) that holds the spot."""
    districts = District.objects.prefetch_related("categories").order_by("order", "name")
    return next((d for d in districts if geo.contains(d.boundary, latitude, longitude)), None)


def team_for(category: Category, district: District | None):
    """Who handles a report: the district's team for the main categories it takes (all when none are chosen),
    otherwise the category's team."""
    if district is not None and district.team_id:
        taken = {c.pk for c in district.categories.all()}
        if not taken or category.parent_id in taken or category.pk in taken:
            return district.team_id
    return category.team_id


def categories_for_choice() -> list[Category]:
    """Active main categories with their active subcategories (as `.choices`), in order."""
    categories = list(with_texts(Category.objects.filter(is_active=True).order_by("order", "name")))
    mains = [category for category in categories if category.parent_id is None]
    for main in mains:
        main.choices = [category for category in categories if category.parent_id == main.pk]
    return [main for main in mains if main.choices]


@dataclass(frozen=True)
class Nearby:
    report: Report
    metres: int


def nearby_open(*, category: Category, latitude: float, longitude: float) -> list[Nearby]:
    """Open reports of the same category within 50 m, made in the last 30 days, nearest first."""
    min_lat, max_lat, min_lon, max_lon = geo.box_around(latitude, longitude, DUPLICATE_METRES)
    candidates = (
        Report.objects.filter(
            category=category,
            status__in=Report.OPEN,
            latitude__range=(min_lat, max_lat),
            longitude__range=(min_lon, max_lon),
            created_at__gte=timezone.now() - timedelta(days=DUPLICATE_DAYS),
        )
        .only(*PUBLIC_FIELDS)
        .annotate(follower_count=Count("followers"))
    )
    found = []
    for report in candidates:
        metres = geo.distance_m(latitude, longitude, report.latitude, report.longitude)
        if metres <= DUPLICATE_METRES:
            found.append(Nearby(report, round(metres)))
    return sorted(found, key=lambda nearby: nearby.metres)[:10]


def public_reports(
    *, bbox: tuple[float, float, float, float] | None = None, category=None, state: str = ""
) -> QuerySet:
    """What the public map and list show: public categories, open or closed in the last 30 days, newest first."""
    recent = timezone.now() - timedelta(days=PUBLIC_CLOSED_DAYS)
    reports = Report.objects.filter(category__is_public=True).filter(
        Q(status__in=Report.OPEN) | Q(status=Report.Status.CLOSED, closed_at__gte=recent)
    )
    if state == "open":
        reports = reports.filter(status__in=Report.OPEN)
    elif state == "closed":
        reports = reports.filter(status=Report.Status.CLOSED)
    if category is not None:
        reports = reports.filter(Q(category=category) | Q(category__parent=category))
    if bbox is not None:
        min_lon, min_lat, max_lon, max_lat = bbox
        reports = reports.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
    return (
        reports.only(*PUBLIC_FIELDS, "category__name", "category__parent", "category__parent__name")
        .select_related("category__parent")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class MapPoint:
    reference: str
    latitude: float
    longitude: float
    status: str
    created_on: date
    category: str
    main_category: str
    photos: tuple


def public_map_points(*, bbox, category=None, offset: int = 0, limit: int = 500) -> list[MapPoint]:
    """The public map's points in a box, newest first: plain values (no model instances), category names from one
    small query, and only the photos staff approved (one query): three queries whatever the number of points."""
    rows = list(
        public_reports(bbox=bbox, category=category).values_list(
            "pk", "reference", "latitude", "longitude", "status", "created_at", "category_id"
        )[offset : offset + limit]
    )
    names = {pk: (name, main or "") for pk, name, main in Category.objects.values_list("pk", "name", "parent__name")}
    photos: dict[int, list] = {}
    if rows:
        approved = Photo.objects.filter(approved_public=True, report_id__in=[row[0] for row in rows])
        for report_id, photo in approved.values_list("report_id", "uuid"):
            photos.setdefault(report_id, []).append(photo)
    zone = timezone.get_current_timezone()
    return [
        MapPoint(
            reference,
            latitude,
            longitude,
            status,
            created.astimezone(zone).date(),
            *names[category_id],
            tuple(photos.get(pk, ())),
        )
        for pk, reference, latitude, longitude, status, created, category_id in rows
    ]


def open311_requests() -> QuerySet:
    """Open311's service requests: every report of a public category but merged ones (the API's own date window
    applies, not the map's 30 days), with only the photos staff approved, as `public_photos`."""
    return (
        Report.objects.filter(category__is_public=True)
        .exclude(status=Report.Status.MERGED)
        .select_related("category", "team")
        .prefetch_related(
            Prefetch("photos", queryset=Photo.objects.filter(approved_public=True), to_attr="public_photos")
        )
        .order_by("-created_at", "-pk")
    )


def reports_for_resident(*, resident) -> QuerySet:
    """The resident's own reports and those they follow, newest first."""
    return (
        Report.objects.filter(Q(resident=resident) | Q(followers__resident=resident))
        .distinct()
        .select_related("category__parent")
        .order_by("-created_at", "-pk")
    )


def reports_for_staff(*, user) -> QuerySet:
    """The reports of the staff member's teams (all of them for a superuser)."""
    reports = Report.objects.select_related("category__parent", "team", "district")
    if not user.is_superuser:
        reports = reports.filter(team__members=user)
    return reports
