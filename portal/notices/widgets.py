from django import forms
from django.conf import settings


class AreaMapWidget(forms.Textarea):
    """A GeoJSON text field with a map above it to draw the polygon on (Leaflet; tile source from settings).
    Its template lives in the app: form widgets are rendered by the form renderer, which reads app templates."""

    template_name = "notices/widgets/area_map.html"

    class Media:
        css = {"all": ["vendor/leaflet/leaflet.css", "css/area-map.css"]}
        js = ["vendor/leaflet/leaflet.js", "js/area-map.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["map"] = {
            "tiles": settings.LOKET_MAP_TILE_URL,
            "attribution": settings.LOKET_MAP_ATTRIBUTION,
            "center": ",".join(str(part) for part in settings.LOKET_MAP_CENTER),
        }
        return context
