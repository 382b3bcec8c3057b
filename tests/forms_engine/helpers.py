"""Driving a form the way a browser does: GET the step, POST its fields with the wizard's management field."""

import re

from forms_engine.models import FormDefinition


class FormSession:
    def __init__(self, client, slug: str, url: str | None = None):
        self.client = client
        self.definition = FormDefinition.objects.get(slug=slug)
        self.url = url or f"/formulieren/{slug}/"
        self.prefix = f"loket_form_{self.definition.pk}"

    def start(self):
        return self.client.get(self.url + "?opnieuw=1")

    @staticmethod
    def current_step(response) -> str:
        match = re.search(r'name="loket_form_\d+-current_step" value="([^"]+)"', response.content.decode())
        return match.group(1) if match else ""

    def post(self, step: str, fields: dict | None = None, **extra):
        data = {
            f"{self.prefix}-current_step": step,
            **{f"{step}-{key}": value for key, value in (fields or {}).items()},
        }
        data.update(extra)
        return self.client.post(self.url, data)


def date_parts(day, month, year) -> dict:
    return {"_0": str(day), "_1": str(month), "_2": str(year)}


def flatten(fields: dict) -> dict:
    """{"verhuisdatum": date_parts(...)} → {"verhuisdatum_0": ..., ...}."""
    flat = {}
    for key, value in fields.items():
        if isinstance(value, dict):
            flat.update({f"{key}{suffix}": part for suffix, part in value.items()})
        else:
            flat[key] = value
    return flat
