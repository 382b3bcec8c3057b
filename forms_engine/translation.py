"""A form's texts in the site's other languages (issue 22): its name, intro and confirmation texts on a
`FormTranslation` row (read through `definition.text`, see portal.core.translations), and every text of its steps —
step titles, questions, hints, pattern messages, information blocks and the answers to choose from — by a path that
survives editing: the step's or question's technical name, and for an answer its value.

The structure (steps, questions, technical names, answer values, rules) is the Dutch form's, so an answer given in
English is stored exactly as the same answer given in Dutch; only what residents read changes. Staff always read a
submission against the Dutch schema it is stored with."""

import copy

from django.conf import settings

from forms_engine import fields as field_types
from forms_engine.schema import CompiledForm
from portal.core.translations import Text

FIELD_TEXTS = ("label", "help_text", "regex_message", "text")
CHOICE_TYPES = field_types.CHOICE_TYPES - {"yesno"}  # the questions whose answers an editor wrote


def option_path(field_key: str, value: str) -> str:
    return f"{field_key}.option.{value}"


def source_texts(schema: dict) -> dict[str, str]:
    """Every text of a form's steps that residents read, by path, in the order they meet them; empty ones left out."""
    texts = {}
    for step in schema["steps"]:
        texts[f"{step['key']}.title"] = step["title"]
        for spec in step["fields"]:
            for name in FIELD_TEXTS:
                if spec.get(name):
                    texts[f"{spec['key']}.{name}"] = spec[name]
            if spec["type"] in CHOICE_TYPES:
                for option in spec.get("options", []):
                    texts[option_path(spec["key"], option)] = option
    return texts


def translated_schema(schema: dict, texts: dict[str, str], language: str) -> dict:
    """A copy of the schema whose texts are `Text`s: in `language` where `texts` has one, otherwise the Dutch one
    (marked as Dutch wherever it is shown). Choice questions keep their values in "options" and get what residents
    read in "option_labels"."""
    default = settings.LANGUAGE_CODE

    def text(path: str, dutch: str) -> Text:
        own = texts.get(path)
        return Text(own, language) if own else Text(dutch, default)

    result = copy.deepcopy(schema)
    for step in result["steps"]:
        step["title"] = text(f"{step['key']}.title", step["title"])
        for spec in step["fields"]:
            for name in FIELD_TEXTS:
                if spec.get(name):
                    spec[name] = text(f"{spec['key']}.{name}", spec[name])
            if spec["type"] in CHOICE_TYPES:
                spec["option_labels"] = [text(option_path(spec["key"], value), value) for value in spec["options"]]
    return result


_compiled: dict[tuple, CompiledForm] = {}
MAX_COMPILED = 256


def compiled_in(base: CompiledForm, revision_id: int, row, language: str) -> CompiledForm:
    """A published revision's compiled form (`base`) as read in `language` with the form's translation row for it
    (or None): the base itself in the default language; otherwise built once per process for each revision and
    each saved version of the translation (a published revision never changes; a saved translation gets a new
    `updated_at`)."""
    if language == settings.LANGUAGE_CODE:
        return base
    key = (revision_id, language, getattr(row, "pk", None), getattr(row, "updated_at", None))
    compiled = _compiled.get(key)
    if compiled is None:
        texts = row.texts if row is not None else {}
        compiled = CompiledForm.from_schema(translated_schema(base.schema, texts, language))
        compiled.schema = base.schema  # what a submission is stored with: the Dutch form, in whatever language
        if len(_compiled) >= MAX_COMPILED:
            _compiled.clear()
        _compiled[key] = compiled
    return compiled


def forget_compiled() -> None:
    _compiled.clear()


def schema_in(schema: dict, form, language: str) -> dict:
    """A stored submission's schema as read in `language` (its receipt), with the form's translation as it is now."""
    if language == settings.LANGUAGE_CODE or language not in dict(settings.LANGUAGES):
        return schema
    row = form.translations.filter(language=language).first()
    return translated_schema(schema, row.texts if row is not None else {}, language)
