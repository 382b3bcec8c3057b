"""The area of an area notice: a polygon drawn on the map, postcodes and/or neighbourhood codes.

A resident is inside when their address lies in the polygon (points on its border count as inside), has one of
the postcodes (a full postcode, or the four digits for a whole postcode area) or one of the neighbourhoods.
Everything is checked before anything is sent; the messages are for the staff member who drew or typed it."""

import json
import re
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely.geometry import Polygon

POSTCODE = re.compile(r"^([1-9]\d{3})\s?([A-Z]{2})?$")
NEIGHBOURHOOD = re.compile(r"^WK\d{6}$")
MAX_VERTICES = 2_000
MAX_CODES = 5_000


@dataclass(frozen=True)
class Area:
    polygon: Polygon | None = None
    postcodes: frozenset[str] = field(default_factory=frozenset)  # "1234AB"
    postcode_areas: frozenset[str] = field(default_factory=frozenset)  # "1234"
    neighbourhoods: frozenset[str] = field(default_factory=frozenset)

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """(min longitude, min latitude, max longitude, max latitude) of the polygon, for a first cut in SQL."""
        return self.polygon.bounds if self.polygon is not None else None

    def by_code(self, postcode: str, neighbourhood: str) -> bool:
        return postcode in self.postcodes or postcode[:4] in self.postcode_areas or neighbourhood in self.neighbourhoods

    def covers(self, longitudes, latitudes) -> np.ndarray:
        """For arrays of coordinates: which lie in the polygon, border included (all False without one)."""
        if self.polygon is None:
            return np.zeros(len(longitudes), dtype=bool)
        return shapely.intersects_xy(self.polygon, np.asarray(longitudes, float), np.asarray(latitudes, float))


def _split(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,;]+", text.upper()) if part]


def parse_polygon(text: str) -> Polygon | None:
    """A GeoJSON Polygon (longitude, latitude in WGS 84) or None for an empty field; ValidationError otherwise."""
    if not text.strip():
        return None
    try:
        data = json.loads(text)
    except ValueError:
        raise ValidationError(_("Het getekende gebied is onleesbaar (geen geldige GeoJSON).")) from None
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") != "Polygon" or not isinstance(data.get("coordinates"), list):
        raise ValidationError(_("Het gebied moet één vlak (GeoJSON Polygon) zijn."))
    rings = data["coordinates"]
    try:
        points = [(float(lon), float(lat)) for lon, lat, *_rest in rings[0]] if rings else []
        holes = [[(float(lon), float(lat)) for lon, lat, *_rest in ring] for ring in rings[1:]]
    except (TypeError, ValueError):
        raise ValidationError(_("Het gebied bevat punten zonder geldige coördinaten.")) from None
    if len(set(points)) < 3:
        raise ValidationError(_("Het gebied is leeg: teken minstens drie verschillende punten."))
    if len(points) + sum(len(hole) for hole in holes) > MAX_VERTICES:
        raise ValidationError(_("Het gebied heeft te veel punten (hoogstens %(max)s).") % {"max": MAX_VERTICES})
    if not all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in points):
        raise ValidationError(_("Het gebied ligt buiten de kaart (lengte- en breedtegraad omgewisseld?)."))
    polygon = Polygon(points, holes)
    if polygon.convex_hull.area == 0:
        raise ValidationError(_("Het gebied is leeg: de punten liggen op één lijn."))
    if not polygon.is_valid:
        raise ValidationError(
            _("De rand van het gebied kruist zichzelf. Teken het gebied opnieuw zonder kruisende lijnen.")
        )
    return polygon


def parse_postcodes(text: str) -> tuple[frozenset[str], frozenset[str]]:
    codes = _split(re.sub(r"\b(\d{4})\s+([A-Za-z]{2})\b", r"\1\2", text))  # "1234 AB" is one postcode
    if len(codes) > MAX_CODES:
        raise ValidationError(_("Te veel postcodes (hoogstens %(max)s).") % {"max": MAX_CODES})
    full, areas = set(), set()
    for code in codes:
        match = POSTCODE.match(code)
        if match is None:
            raise ValidationError(
                _("'%(code)s' is geen postcode. Gebruik 1234AB, of 1234 voor het hele postcodegebied.")
                % {"code": code[:20]}
            )
        digits, letters = match.groups()
        if letters:
            full.add(digits + letters)
        else:
            areas.add(digits)
    return frozenset(full), frozenset(areas)


def parse_neighbourhoods(text: str) -> frozenset[str]:
    codes = _split(text)
    if len(codes) > MAX_CODES:
        raise ValidationError(_("Te veel wijkcodes (hoogstens %(max)s).") % {"max": MAX_CODES})
    for code in codes:
        if not NEIGHBOURHOOD.match(code):
            raise ValidationError(
                _("'%(code)s' is geen wijkcode. Een wijkcode is WK gevolgd door zes cijfers, zoals WK999901.")
                % {"code": code[:20]}
            )
    return frozenset(codes)
