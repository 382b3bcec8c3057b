"""Extra questions per report category ("which container?", "the number on the lamp post"): a form of the forms
engine, built and published by editors like any other, asked as one step of the report. The same questions are
Open311's service definition attributes, and an app's answers pass the same checks."""

import logging
from datetime import date

from django.http import QueryDict
from django.utils.translation import gettext as _

from forms_engine import fields as field_types
from forms_engine.forms import StepForm
from forms_engine.wizard import compiled_revision

logger = logging.getLogger(__name__)

# What a report can ask: no files (the report has its own photo step) and nothing only a registry knows.
# Open311 GeoReport v2 datatypes per field type.
DATATYPES = {
    "text": "string",
    "email": "string",
    "phone": "string",
    "textarea": "text",
    "number": "number",
    "date": "datetime",
    "radio": "singlevaluelist",
    "select": "singlevaluelist",
    "yesno": "singlevaluelist",
    "checkboxes": "multivaluelist",
}
ALLOWED_TYPES = {"content", *DATATYPES}


def schema_problems(schema: dict) -> list[str]:
    problems = []
    if len(schema["steps"]) != 1:
        problems.append(
            _("Extra vragen staan op één stap; dit formulier heeft er %(count)d.") % {"count": len(schema["steps"])}
        )
    for step in schema["steps"]:
        for spec in step["fields"]:
            if spec["type"] not in ALLOWED_TYPES:
                problems.append(
                    _("De vraag '%(label)s' is van een soort die een melding niet stelt (zoals een bestand).")
                    % {"label": spec.get("label") or spec["key"]}
                )
    return problems


def problems(definition) -> list[str]:
    """Why a form cannot be a category's extra questions (empty when it can)."""
    found = [] if definition.live else [_("Publiceer het formulier eerst.")]
    return found + schema_problems(definition.build_schema())


def compiled_for(category):
    """The compiled live questions of a category, or None: no form, not published, or changed since it was chosen
    into something a report cannot ask (then nothing is asked, and the log says why)."""
    definition = category.questions_form()
    if definition is None or not definition.live or not definition.live_revision_id:
        return None
    compiled, _revision = compiled_revision(definition.live_revision_id)
    found = schema_problems(compiled.schema)
    if found:
        logger.warning("report questions %s of %s not asked: %s", definition.slug, category.code, "; ".join(found))
        return None
    return compiled


def step_form(compiled, data=None, *, stored: dict | None = None) -> StepForm:
    return StepForm(
        data, compiled=compiled, step_key=compiled.step_keys[0], context={}, prefill={}, stored=stored or {}
    )


def answer_rows(form: StepForm) -> list[dict]:
    """A valid form's answers as a report keeps them: the label as asked, the stored value and its reading."""
    answers = form.answers()
    return [
        {
            "key": spec["key"],
            "label": spec["label"],
            "value": answers[spec["key"]],
            "text": field_types.display(spec, answers[spec["key"]]),
        }
        for spec in form.specs
        if spec["key"] in answers
    ]


def open311_attributes(compiled) -> list[dict]:
    """The questions as GeoReport v2 service definition attributes (content blocks are informational)."""
    attributes = []
    for order, spec in enumerate(compiled.steps[0]["fields"], start=1):
        if spec["type"] == "content":
            attribute = {"variable": False, "code": spec["key"], "datatype": "string", "required": False}
            attributes.append({**attribute, "datatype_description": "", "order": order, "description": spec["text"]})
            continue
        values = []
        if spec["type"] == "yesno":
            values = [{"key": "ja", "name": _("Ja")}, {"key": "nee", "name": _("Nee")}]
        elif spec["type"] in field_types.CHOICE_TYPES:
            values = [{"key": option, "name": option} for option in spec.get("options", [])]
        attribute = {
            "variable": True,
            "code": spec["key"],
            "datatype": DATATYPES[spec["type"]],
            "required": bool(spec.get("required")),
            "datatype_description": spec.get("help_text", "")
            or (_("Een datum als JJJJ-MM-DD.") if spec["type"] == "date" else ""),
            "order": order,
            "description": spec["label"],
        }
        if values:
            attribute["values"] = values
        attributes.append(attribute)
    return attributes


def open311_data(compiled, posted: QueryDict) -> QueryDict:
    """An app's attribute[code]=value (attribute[code][]=value for several) as the step form reads them."""
    data = QueryDict(mutable=True)
    for spec in compiled.steps[0]["fields"]:
        key = spec["key"]
        values = posted.getlist(f"attribute[{key}][]") or posted.getlist(f"attribute[{key}]")
        if spec["type"] == "date" and values:
            try:
                day = date.fromisoformat(values[0].strip())
            except ValueError:
                data.setlist(f"{key}_0", [values[0]])  # the field says it is no date
            else:
                data.update({f"{key}_0": str(day.day), f"{key}_1": str(day.month), f"{key}_2": str(day.year)})
        elif values:
            data.setlist(key, values)
    return data
