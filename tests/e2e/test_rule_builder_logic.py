"""The rule builder reads and writes JsonLogic in the browser: every shape it writes reads back the same, and
anything else is left to "Geavanceerd" untouched (checked against the real script, in Chromium)."""

import json

import pytest

TYPES = {"kinderen": "yesno", "aantal": "number", "soort": "radio", "vinkjes": "checkboxes", "datum": "date"}
READABLE = [
    {"when": {"==": [{"var": "kinderen"}, True]}, "then": "show_step", "target": "stap2"},
    {"when": {"!=": [{"var": "soort"}, "Huur"]}, "then": "hide", "target": "aantal", "description": "Niet bij huur"},
    {"when": {">": [{"var": "aantal"}, 2]}, "then": "require", "target": "soort"},
    {"when": {"<": [{"var": "datum"}, "2026-01-01"]}, "then": "skip_step", "target": "stap2"},
    {"when": {"in": [{"var": "soort"}, ["Huur", "Koop"]]}, "then": "show", "target": "aantal"},
    {"when": {"in": ["Rood", {"var": "vinkjes"}]}, "then": "show", "target": "aantal"},
    {"when": {"!": {"in": ["Rood", {"var": "vinkjes"}]}}, "then": "hide", "target": "aantal"},
    {"when": {"missing": ["soort"]}, "then": "hide", "target": "aantal"},
    {"when": {"!": {"missing": ["soort"]}}, "then": "show", "target": "aantal"},
    {"when": {"!": {"var": "vinkjes"}}, "then": "hide", "target": "aantal"},
    {"when": True, "then": "set_value", "target": "aantal", "value": 3},
    {
        "when": {"or": [{"==": [{"var": "kinderen"}, True]}, {">": [{"var": "aantal"}, 0]}]},
        "then": "show",
        "target": "soort",
    },
]
ADVANCED_ONLY = [
    {"when": True, "then": "set_value", "target": "leges", "value": {"*": [{"var": "aantal"}, 17.1]}},
    {"when": {"!": {"var": "kinderen"}}, "then": "skip_step", "target": "stap2"},
    {"when": {"and": [{"==": [{"var": "kinderen"}, True]}]}, "then": "show", "target": "soort"},
    {"when": {"==": [{"var": "kinderen"}, True]}, "then": "show", "target": "soort", "als": 1},
    {"when": {"==": [{"var": "kinderen"}, True]}, "then": "explode", "target": "soort"},
    {"when": {"if": [True, 1, 2]}, "then": "show", "target": "soort"},
    "show soort",
]


@pytest.fixture
def rules_script(page, live_url):
    page.goto(live_url + "/")
    page.add_script_tag(url=live_url + "/static/js/rule-builder.js")
    return page


def _round_trip(page, rule):
    return page.evaluate(
        """([rule, types]) => {
            const typeOf = (key) => types[key] || "";
            const state = window.LoketRules.parseRule(rule, typeOf);
            return state === null ? null : window.LoketRules.ruleToLogic(state, typeOf);
        }""",
        [rule, TYPES],
    )


@pytest.mark.parametrize("rule", READABLE, ids=lambda rule: json.dumps(rule["when"])[:40])
def test_what_the_rows_write_reads_back_the_same(rules_script, rule):
    assert _round_trip(rules_script, rule) == rule


@pytest.mark.parametrize("rule", ADVANCED_ONLY, ids=lambda rule: json.dumps(rule)[:40])
def test_a_rule_the_rows_cannot_show_is_left_to_advanced(rules_script, rule):
    assert _round_trip(rules_script, rule) is None
