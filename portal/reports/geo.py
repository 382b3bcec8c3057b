"""Where a report is: a point in WGS 84 inside the municipality, distances between points, and the location a
photo's EXIF may carry (read before the photo is re-encoded without it)."""

import io
import math
from functools import cache, lru_cache

import shapely
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

from portal.notices.area import parse_polygon

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE_LATITUDE = 111_320.0


@cache
def boundary():
    """The municipality's boundary (a GeoJSON Polygon file, `LOKET_MUNICIPALITY_BOUNDARY`)."""
    with open(settings.LOKET_MUNICIPALITY_BOUNDARY, encoding="utf-8") as source:
        polygon = parse_polygon(source.read())
    shapely.prepare(polygon)
    return polygon


@lru_cache(maxsize=256)
def polygon(geojson: str):
    """A district's polygon, parsed and prepared once per text."""
    shape = parse_polygon(geojson)
    shapely.prepare(shape)
    return shape


def contains(geojson: str, latitude: float, longitude: float) -> bool:
    return bool(shapely.intersects_xy(polygon(geojson), longitude, latitude))


def inside(latitude: float, longitude: float) -> bool:
    return bool(shapely.intersects_xy(boundary(), longitude, latitude))


def checked_point(latitude, longitude) -> tuple[float, float]:
    """(latitude, longitude) as finite floats inside the municipality, or a ValidationError that says what is wrong."""
    try:
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise ValidationError(_("Deze plek kunnen we niet lezen. Gebruik getallen, zoals 52.0907 en 5.1214.")) from None
    if not (math.isfinite(latitude) and math.isfinite(longitude)) or abs(latitude) > 90 or abs(longitude) > 180:
        raise ValidationError(_("Deze coördinaten bestaan niet. Gebruik getallen, zoals 52.0907 en 5.1214."))
    if inside(latitude, longitude):
        return round(latitude, 6), round(longitude, 6)
    if abs(longitude) <= 90 and inside(longitude, latitude):
        raise ValidationError(
            _("Breedtegraad en lengtegraad lijken omgewisseld. De breedtegraad is hier ongeveer 52, de lengtegraad 5.")
        )
    raise ValidationError(
        _("Deze plek ligt buiten de gemeente %(name)s. Meld het bij de gemeente waar het is.")
        % {"name": settings.WAGTAIL_SITE_NAME.removeprefix("Gemeente ")}
    )


def map_context() -> dict:
    """What a page with a report map needs: the tile source, its attribution and where the map starts."""
    return {
        "map_tiles": settings.LOKET_MAP_TILE_URL,
        "map_attribution": settings.LOKET_MAP_ATTRIBUTION,
        "map_center": ",".join(str(part) for part in settings.LOKET_MAP_CENTER),
    }


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def box_around(latitude: float, longitude: float, metres: float) -> tuple[float, float, float, float]:
    """(min lat, max lat, min lon, max lon) of a square that holds the circle: the first cut, done in SQL."""
    dlat = metres / METRES_PER_DEGREE_LATITUDE
    dlon = metres / (METRES_PER_DEGREE_LATITUDE * max(math.cos(math.radians(latitude)), 0.01))
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon


def _degrees(value, reference: str) -> float:
    degrees, minutes, seconds = (float(part) for part in value)
    result = degrees + minutes / 60 + seconds / 3600
    return -result if reference in ("S", "W") else result


def photo_location(data: bytes) -> tuple[float, float] | None:
    """The GPS position in a photo's EXIF, if it has a usable one."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            gps = image.getexif().get_ifd(0x8825)
        if not gps or 2 not in gps or 4 not in gps:
            return None
        latitude, longitude = _degrees(gps[2], gps.get(1, "N")), _degrees(gps[4], gps.get(3, "E"))
    except (OSError, ValueError, TypeError, ZeroDivisionError, KeyError, SyntaxError):
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)) or (latitude, longitude) == (0, 0):
        return None
    return round(latitude, 6), round(longitude, 6)
