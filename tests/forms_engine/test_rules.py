import pytest
from django.core.exceptions import ValidationError

from forms_engine.demo import field, step
from forms_engine.logic import step_skipped, step_state
from forms_engine.schema import CompiledForm, validate_rules
from tests.factories.forms import make_form

STEPS = [
    step("een", "Een", [field("yesno", "gehuwd", "Gehuwd?"), field("text", "partner", "Partner", required=False)]),
    step("twee", "Twee", [field("number", "aantal", "Aantal"), field("currency", "leges", "Leges", required=False)]),
]


def _schema(rules):
    from forms_engine.schema import build

    class Stream:
        def get_prep_value(self):
            return STEPS

    return build(steps_stream=Stream(), rules=rules)


@pytest.mark.parametrize(
    ("rules", "problem"),
    [
        ([{"when": {"==": [{"var": "onbekend"}, 1]}, "then": "show", "target": "partner"}], "onbekende vraag onbekend"),
        ([{"when": {"bogus": [1]}, "then": "show", "target": "partner"}], "Onbekende bewerking 'bogus'"),
        ([{"when": True, "then": "explode", "target": "partner"}], "'then' moet een van deze zijn"),
        ([{"when": True, "then": "show", "target": "niemand"}], "vraag 'niemand' bestaat niet"),
        ([{"when": True, "then": "skip_step", "target": "drie"}], "stap 'drie' bestaat niet"),
        ([{"then": "show", "target": "partner"}], "'when' ontbreekt"),
        ([{"when": True, "then": "set_value", "target": "leges"}], "'value' ontbreekt"),
        ([{"when": {"==": [1, 2], "!=": [1, 2]}, "then": "show", "target": "partner"}], "precies één sleutel"),
        ({"when": True}, "De regels zijn een lijst"),
        (["show partner"], "een regel is een object"),
        ([{"when": True, "then": "show", "target": "partner", "als": 1}], "onbekende sleutel(s) als"),
    ],
)
def test_editors_get_a_clear_error_for_wrong_rules(rules, problem):
    problems = validate_rules(_schema(rules))
    assert any(problem in text for text in problems), problems


def test_saving_a_form_with_wrong_rules_is_refused_on_the_rules_field(db):
    with pytest.raises(ValidationError) as error:
        make_form(slug="fout", steps=STEPS, rules=[{"when": {"var": "x"}, "then": "show", "target": "partner"}])
    assert "rules" in error.value.message_dict


def test_duplicate_names_are_refused(db):
    steps = [step("een", "Een", [field("text", "naam", "Naam"), field("text", "naam", "Nog eens")])]
    with pytest.raises(ValidationError) as error:
        make_form(slug="dubbel", steps=steps)
    assert "naam" in str(error.value)


def test_show_hide_require_and_computed_values():
    rules = [
        {"when": {"var": "gehuwd"}, "then": "show", "target": "partner"},
        {"when": {">": [{"var": "aantal"}, 2]}, "then": "require", "target": "leges"},
        {"when": True, "then": "set_value", "target": "leges", "value": {"*": [{"var": "aantal"}, 17.1]}},
        {"when": {"==": [{"var": "gehuwd"}, False]}, "then": "skip_step", "target": "twee"},
    ]
    compiled = CompiledForm.from_schema(_schema(rules))
    assert "partner" in step_state(compiled, "een", {"gehuwd": False}).hidden
    assert "partner" not in step_state(compiled, "een", {"gehuwd": True}).hidden
    state = step_state(compiled, "twee", {"aantal": 3})
    assert state.required == {"leges"} and state.computed["leges"] == pytest.approx(51.3)
    assert step_skipped(compiled, "twee", {"gehuwd": False})
    assert not step_skipped(compiled, "twee", {"gehuwd": True})
    assert compiled.same_step_reads("een") == {"partner"}, "partner depends on an answer on its own step"


def test_a_step_shown_by_rules_is_asked_only_when_one_of_them_applies():
    rules = [
        {"when": {"==": [{"var": "gehuwd"}, True]}, "then": "show_step", "target": "twee"},
        {"when": {"==": [{"var": "partner"}, "Sam"]}, "then": "show_step", "target": "twee"},
    ]
    compiled = CompiledForm.from_schema(_schema(rules))
    assert step_skipped(compiled, "twee", {}), "nothing answered yet: the step is not asked"
    assert step_skipped(compiled, "twee", {"gehuwd": False, "partner": "Kim"})
    assert not step_skipped(compiled, "twee", {"gehuwd": True})
    assert not step_skipped(compiled, "twee", {"gehuwd": False, "partner": "Sam"})
    assert not step_skipped(compiled, "een", {}), "a step without rules is always asked"
    assert validate_rules(_schema([{"when": True, "then": "show_step", "target": "drie"}])) == [
        "Regel 1: stap 'drie' bestaat niet in dit formulier."
    ]


def test_a_skip_rule_wins_over_a_show_rule_for_the_same_step():
    rules = [
        {"when": True, "then": "show_step", "target": "twee"},
        {"when": {"==": [{"var": "gehuwd"}, False]}, "then": "skip_step", "target": "twee"},
    ]
    compiled = CompiledForm.from_schema(_schema(rules))
    assert not step_skipped(compiled, "twee", {"gehuwd": True})
    assert step_skipped(compiled, "twee", {"gehuwd": False})


def test_only_rules_that_can_change_the_step_are_evaluated(monkeypatch):
    from forms_engine import logic

    rules = [{"when": {"var": "gehuwd"}, "then": "show", "target": "partner"}] * 50 + [
        {"when": {">": [{"var": "aantal"}, 2]}, "then": "require", "target": "leges"}
    ]
    compiled = CompiledForm.from_schema(_schema(rules))
    calls = []
    real = logic._evaluate
    monkeypatch.setattr(logic, "_evaluate", lambda rule, data: calls.append(rule) or real(rule, data))
    step_state(compiled, "twee", {"aantal": 1})
    assert len(calls) == 1


def test_a_rule_that_fails_on_odd_answers_does_not_apply():
    rules = [{"when": {"substr": [{"var": "partner"}, "x"]}, "then": "require", "target": "leges"}]
    compiled = CompiledForm.from_schema(_schema(rules))
    assert step_state(compiled, "twee", {"partner": None}).required in (set(), {"leges"})


def test_forms_of_one_step_share_nothing_a_resident_sees():
    """Fields are built once per revision and shared; what differs per form (requiredness by a rule, language,
    what was typed, the errors) must still be each form's own."""
    from django.utils import translation

    from forms_engine.forms import StepForm

    rules = [{"when": {">": [{"var": "aantal"}, 2]}, "then": "require", "target": "leges"}]
    compiled = CompiledForm.from_schema(_schema(rules))

    def form(data, context, language="nl"):
        with translation.override(language):
            built = StepForm(
                {f"twee-{k}": v for k, v in data.items()},
                compiled=compiled,
                step_key="twee",
                context=context,
                prefill={},
                stored={},
                prefix="twee",
            )
            built.is_valid()
            built.texts = {key: [str(error) for error in errors] for key, errors in built.errors.items()}
            return built

    many = form({"aantal": "5"}, {})
    few = form({"aantal": "1"}, {})
    assert many.errors["leges"] and "leges" not in few.errors  # required by the rule only on the first
    assert many.fields["leges"].required_answer and not few.fields["leges"].required_answer
    assert few.cleaned_data["aantal"] == 1 and many.cleaned_data["aantal"] == 5
    dutch, english = form({"aantal": ""}, {}), form({"aantal": ""}, {}, language="en")
    assert dutch.texts["aantal"] == ["Vul ‘Aantal’ in."] and english.texts["aantal"] == ["Enter ‘Aantal’."]
    assert form({"aantal": "5"}, {}).errors["leges"] == many.errors["leges"]  # asked again: the same answer
