"""Server-side evaluation of a form's rules. Only the rules that can change the step at hand are evaluated (they
are indexed by the step of their target), so a form with hundreds of rules costs little per step."""

import logging
from dataclasses import dataclass, field

from json_logic import jsonLogic
from json_logic.builtins import to_bool

from forms_engine.schema import CompiledForm

logger = logging.getLogger(__name__)


@dataclass
class StepState:
    hidden: set[str] = field(default_factory=set)
    required: set[str] = field(default_factory=set)
    computed: dict[str, object] = field(default_factory=dict)


def _evaluate(logic, data):
    try:
        return jsonLogic(logic, data)
    except Exception:  # noqa: BLE001 - a rule that cannot be evaluated on these answers simply does not apply
        logger.warning("form rule could not be evaluated", exc_info=False)
        return None


def step_state(compiled: CompiledForm, step_key: str, data: dict) -> StepState:
    state = StepState()
    shown_by_rule: dict[str, bool] = {}
    for rule in compiled.rules_for_step.get(step_key, []):
        action, target = rule["then"], rule["target"]
        if action == "set_value":
            if to_bool(_evaluate(rule["when"], data)):
                state.computed[target] = _evaluate(rule["value"], data)
            continue
        applies = to_bool(_evaluate(rule["when"], data))
        if action == "show":
            shown_by_rule[target] = shown_by_rule.get(target, False) or applies
        elif action == "hide" and applies:
            state.hidden.add(target)
        elif action == "require" and applies:
            state.required.add(target)
    state.hidden |= {target for target, shown in shown_by_rule.items() if not shown}
    return state


def step_skipped(compiled: CompiledForm, step_key: str, data: dict) -> bool:
    """Skipped when a skip rule applies, or when the step is shown by rules and none of them applies."""
    if any(to_bool(_evaluate(rule["when"], data)) for rule in compiled.skip_rules.get(step_key, [])):
        return True
    show_rules = compiled.show_step_rules.get(step_key)
    return bool(show_rules) and not any(to_bool(_evaluate(rule["when"], data)) for rule in show_rules)
