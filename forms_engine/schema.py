"""A form as plain JSON — the snapshot a resident fills in and a submission is stored with — and the checks an
editor's logic rules must pass before a form can be saved.

Schema: {"steps": [{"key", "title", "fields": [{"type", "key", "label", ...options}]}], "rules": [...]}
Rule:   {"when": <JsonLogic>, "then": "show"|"hide"|"require"|"set_value"|"show_step"|"skip_step", "target": key,
         "value": <JsonLogic, set_value only>}
A step with "show_step" rules is asked only when one of them applies; "skip_step" is its inverse.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from json_logic import jsonLogic
from json_logic.builtins import BUILTINS

FIELD_ACTIONS = {"show", "hide", "require", "set_value"}
STEP_ACTIONS = {"show_step", "skip_step"}
OPERATIONS = set(BUILTINS) | {"if", "?:", "and", "or", "filter", "reduce", "map", "all", "some", "none"}
MAX_RULES = 500
MAX_DEPTH = 30


def _plain(value):
    """StreamField/ListBlock prep values → plain lists and dicts."""
    if isinstance(value, list):
        return [
            _plain(item["value"] if isinstance(item, dict) and item.keys() >= {"type", "value"} else item)
            for item in value
        ]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def build(*, steps_stream, rules) -> dict:
    """The schema of a form definition's current content (a StreamValue of steps and the rules JSON)."""
    steps = []
    for step in steps_stream.get_prep_value():
        value = step["value"]
        fields = [{"type": item["type"], **_plain(item["value"])} for item in value["fields"]]
        steps.append({"key": value["key"], "title": value["title"], "fields": fields})
    return {"steps": steps, "rules": rules or []}


def _variables(logic, depth=0) -> set[str]:
    """Names a JsonLogic expression reads, checking that it only uses known operations."""
    if depth > MAX_DEPTH:
        raise ValidationError(_("Een regel is te diep genest."))
    if isinstance(logic, list):
        return set().union(*(_variables(item, depth + 1) for item in logic)) if logic else set()
    if not isinstance(logic, dict):
        return set()
    if len(logic) != 1:
        raise ValidationError(
            _('Elke bewerking in JsonLogic is een object met precies één sleutel, zoals {"==": [...]}.')
        )
    [(op, args)] = logic.items()
    if op not in OPERATIONS:
        raise ValidationError(_("Onbekende bewerking '%(op)s'.") % {"op": op})
    if op == "var":
        name = args[0] if isinstance(args, list) and args else args
        if isinstance(name, str) and name:
            return {name.split(".", 1)[0]}
        if name in ("", None, []):
            return set()
        raise ValidationError(_("'var' verwacht de naam van een vraag."))
    if op in {"filter", "map", "all", "some", "none", "reduce"} and isinstance(args, list) and args:
        return _variables(args[0], depth + 1)  # the sub-rule reads the items, not the form
    return _variables(args, depth + 1)


def duplicate_keys(schema: dict) -> set[str]:
    seen, duplicates = set(), set()
    for step in schema["steps"]:
        for key in [step["key"]] + [f["key"] for f in step["fields"]]:
            (duplicates if key in seen else seen).add(key)
    return duplicates


def validate_rules(schema: dict) -> list[str]:
    """Every problem with the rules, in words an editor can act on; empty when the rules are fine."""
    rules = schema["rules"]
    if not isinstance(rules, list):
        return [_("De regels zijn een lijst: [ {...}, {...} ].")]
    if len(rules) > MAX_RULES:
        return [_("Hoogstens %(count)s regels per formulier.") % {"count": MAX_RULES}]
    fields = {f["key"]: f for step in schema["steps"] for f in step["fields"]}
    steps = {step["key"] for step in schema["steps"]}
    problems = []
    for number, rule in enumerate(rules, start=1):
        prefix = _("Regel %(number)s: ") % {"number": number}
        if not isinstance(rule, dict):
            problems.append(prefix + _("een regel is een object met when, then en target."))
            continue
        unknown_keys = set(rule) - {"when", "then", "target", "value", "description"}
        if unknown_keys:
            problems.append(prefix + _("onbekende sleutel(s) %(keys)s.") % {"keys": ", ".join(sorted(unknown_keys))})
        action, target = rule.get("then"), rule.get("target")
        if action not in FIELD_ACTIONS | STEP_ACTIONS:
            problems.append(
                prefix
                + _("'then' moet een van deze zijn: %(actions)s.")
                % {"actions": ", ".join(sorted(FIELD_ACTIONS | STEP_ACTIONS))}
            )
        elif action in STEP_ACTIONS and target not in steps:
            problems.append(prefix + _("stap '%(target)s' bestaat niet in dit formulier.") % {"target": target})
        elif action in FIELD_ACTIONS and target not in fields:
            problems.append(prefix + _("vraag '%(target)s' bestaat niet in dit formulier.") % {"target": target})
        if "when" not in rule:
            problems.append(prefix + _("'when' ontbreekt (de voorwaarde, of true voor altijd)."))
        if action == "set_value" and "value" not in rule:
            problems.append(prefix + _("'value' ontbreekt: wat moet er worden ingevuld?"))
        for part in ("when", "value"):
            if part not in rule:
                continue
            try:
                unknown = _variables(rule[part]) - set(fields)
            except ValidationError as error:
                problems.append(prefix + error.messages[0])
                continue
            if unknown:
                problems.append(
                    prefix
                    + _("onbekende vraag %(names)s in '%(part)s'.")
                    % {"names": ", ".join(sorted(unknown)), "part": part}
                )
            else:
                try:
                    jsonLogic(rule[part], {})
                except Exception as error:  # noqa: BLE001 - any evaluator failure is the editor's to fix
                    problems.append(prefix + _("deze JsonLogic werkt niet (%(error)s).") % {"error": error})
    return problems


@dataclass
class CompiledForm:
    """A schema with what the wizard asks of it often, worked out once per revision."""

    schema: dict
    steps: list[dict]
    step_keys: list[str]
    field_step: dict[str, str]
    fields: dict[str, dict]
    rules_for_step: dict[str, list[dict]] = field(default_factory=dict)
    skip_rules: dict[str, list[dict]] = field(default_factory=dict)
    show_step_rules: dict[str, list[dict]] = field(default_factory=dict)
    reads: dict[int, set[str]] = field(default_factory=dict)
    # Form fields built from this revision, kept by forms_engine.forms (built once, then only read).
    built_fields: dict[tuple, object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_schema(cls, schema: dict) -> "CompiledForm":
        steps = schema["steps"]
        field_step = {f["key"]: step["key"] for step in steps for f in step["fields"]}
        compiled = cls(
            schema=schema,
            steps=steps,
            step_keys=[step["key"] for step in steps],
            field_step=field_step,
            fields={f["key"]: f for step in steps for f in step["fields"]},
        )
        for rule in schema["rules"]:
            reads = _variables(rule["when"]) | _variables(rule.get("value"))
            compiled.reads[id(rule)] = reads
            if rule["then"] == "skip_step":
                compiled.skip_rules.setdefault(rule["target"], []).append(rule)
            elif rule["then"] == "show_step":
                compiled.show_step_rules.setdefault(rule["target"], []).append(rule)
            else:
                compiled.rules_for_step.setdefault(field_step[rule["target"]], []).append(rule)
        return compiled

    def step(self, key: str) -> dict:
        return self.steps[self.step_keys.index(key)]

    def same_step_reads(self, step_key: str) -> set[str]:
        """Fields of this step whose rules depend on answers given on this same step (live in the browser)."""
        keys = {f["key"] for f in self.step(step_key)["fields"]}
        return {
            rule["target"]
            for rule in self.rules_for_step.get(step_key, [])
            if self.reads[id(rule)] & keys and rule["then"] in {"show", "hide"}
        }
