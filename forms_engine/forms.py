"""One wizard step built from the schema, with the rules applied on the server (so it works without JavaScript)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from forms_engine import fields as field_types
from forms_engine.logic import step_state
from forms_engine.schema import CompiledForm

KNOWN_MODES = {"readonly", "hidden"}


def _field(compiled: CompiledForm, spec: dict, *, required: bool) -> forms.Field:
    """The form field for a question, built once per revision, language and requiredness and then shared by every
    form of that step: forms only read their fields (what a resident typed and the errors live on the bound form),
    and building one costs 10 to 45 µs, for every question of every step the wizard handles in a request."""
    language = get_language()
    key = (spec["key"], required, language)
    field = compiled.built_fields.get(key)
    if field is None:
        field = field_types.build_field(spec, required=required and spec["type"] != "file")
        field.spec, field.required_answer = spec, required
        compiled.built_fields[key] = field
    return field


class StepForm(forms.Form):
    def __init__(
        self, *args, compiled: CompiledForm, step_key: str, context: dict, prefill: dict, stored: dict, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.compiled, self.step_key, self.stored, self.context = compiled, step_key, stored, context
        self.specs = compiled.step(step_key)["fields"]
        live = compiled.same_step_reads(step_key)
        data = {**context, **stored}
        if self.is_bound:
            data.update(self._provisional_values())
        self.state = step_state(compiled, step_key, data)
        self.items, self.known, self.computed = [], {}, {}
        for spec in self.specs:
            key = spec["key"]
            if spec["type"] == "content":
                self.items.append({"kind": "content", "spec": spec})
            elif key in self.state.hidden and (self.is_bound or key not in live):
                continue
            elif key in self.state.computed:
                self.computed[key] = self.state.computed[key]
                if self.computed[key] is not None:
                    self.items.append({"kind": "computed", "spec": spec, "value": self.computed[key]})
            elif spec.get("prefill") and spec.get("prefill_mode") in KNOWN_MODES and prefill.get(key) not in (None, ""):
                self.known[key] = prefill[key]
                if spec["prefill_mode"] == "readonly":
                    self.items.append({"kind": "known", "spec": spec, "value": prefill[key]})
            else:
                required = bool(spec.get("required")) or key in self.state.required
                self.fields[key] = _field(compiled, spec, required=required)
                if spec["type"] != "file" and key not in stored and prefill.get(key) not in (None, ""):
                    self.initial[key] = prefill[key]
                elif key in stored and spec["type"] != "file":
                    self.initial[key] = stored[key]
                self.items.append({"kind": "field", "key": key, "spec": spec, "live": key in live, "field": self[key]})

    def live_logic(self) -> dict | None:
        """The show/hide rules that depend on this step's own answers, for the browser to apply as the resident
        types (json-logic-js, the same rules); the server applies them again on submit."""
        live = {item["key"] for item in self.items if item.get("live")}
        if not live:
            return None
        rules = [
            rule
            for rule in self.compiled.rules_for_step.get(self.step_key, [])
            if rule["target"] in live and rule["then"] in {"show", "hide"}
        ]
        reads = set().union(*(self.compiled.reads[id(rule)] for rule in rules))
        own = {spec["key"]: spec["type"] for spec in self.specs}
        return {
            "prefix": self.prefix,
            "fields": {key: kind for key, kind in own.items() if key in reads},
            "context": {key: value for key, value in self.context.items() if key in reads and key not in own},
            "rules": [{"when": rule["when"], "then": rule["then"], "target": rule["target"]} for rule in rules],
        }

    def _provisional_values(self) -> dict:
        """This step's answers as typed, for rules that depend on them (fields read by rules only)."""
        keys = {f["key"] for f in self.specs}
        read = set().union(*self.compiled.reads.values()) & keys if self.compiled.reads else set()
        values = {}
        for spec in self.specs:
            if spec["key"] not in read or spec["type"] in ("content", "file"):
                continue
            field = _field(self.compiled, spec, required=False)
            raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(spec["key"]))
            try:
                values[spec["key"]] = field_types.to_json(spec, field.clean(raw))
            except ValidationError:
                values[spec["key"]] = None
        return values

    def clean(self):
        cleaned = super().clean()
        for key, field in self.fields.items():
            missing = not cleaned.get(key) and not self.stored.get(key)
            if field.spec["type"] == "file" and field.required_answer and key not in self.errors and missing:
                self.add_error(key, _("Voeg een bestand toe."))
        return cleaned

    def answers(self) -> dict:
        """Answers of this step as stored: typed ones, known ones, computed ones. Files stay CheckedUploads here
        (the wizard stores them); a file field left empty keeps what was uploaded before."""
        answers = {}
        for key, field in self.fields.items():
            value = self.cleaned_data.get(key)
            if field.spec["type"] == "file":
                answers[key] = value or self.stored.get(key) or []
            else:
                answers[key] = field_types.to_json(field.spec, value)
        return {**answers, **self.known, **self.computed}


class CheckForm(forms.Form):
    """The check-your-answers step: nothing to fill in but the declaration."""

    declaration = forms.BooleanField(
        label=_("Ik heb deze gegevens naar waarheid ingevuld."),
        error_messages={"required": _("Bevestig dat u de gegevens naar waarheid hebt ingevuld.")},
    )
