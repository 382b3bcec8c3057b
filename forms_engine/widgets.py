import json

from django import forms
from django.utils.translation import gettext_lazy as _

# What the rule builder says, translated on the server so the script holds no UI text of its own.
BUILDER_TEXT = {
    "rule": _("Regel %s"),
    "when": _("Als"),
    "question": _("Vraag"),
    "operator": _("Voorwaarde"),
    "value": _("Waarde"),
    "values": _("Waarden (houd Ctrl ingedrukt voor meer)"),
    "combinator": _("Hoe tellen de voorwaarden mee?"),
    "and": _("alle voorwaarden (en)"),
    "or": _("één van de voorwaarden (of)"),
    "always": _("Altijd (geen voorwaarde)"),
    "then": _("Dan"),
    "action": _("Actie"),
    "target_field": _("Welke vraag"),
    "target_step": _("Welke stap"),
    "set_to": _("Invullen met"),
    "description": _("Omschrijving (voor uzelf en collega's)"),
    "add_condition": _("Voorwaarde toevoegen"),
    "remove_condition": _("Voorwaarde %s verwijderen"),
    "remove_rule": _("Regel %s verwijderen"),
    "choose": _("Kies…"),
    "step_group": _("Stap: %s"),
    "missing": _("niet meer in het formulier: %s"),
    "advanced_only": _("Deze regel kan alleen onder Geavanceerd worden bewerkt: %s"),
    "bad_json": _("Dit is geen geldige lijst van regels in JSON; de bouwer toont de laatst geldige regels."),
    "empty": _("Nog geen regels: elke vraag en stap wordt altijd getoond."),
    "yes": _("Ja"),
    "no": _("Nee"),
    "ops": {
        "eq": _("is"),
        "ne": _("is niet"),
        "gt": _("groter dan"),
        "lt": _("kleiner dan"),
        "after": _("na"),
        "before": _("voor"),
        "in": _("is een van"),
        "contains": _("bevat"),
        "not_contains": _("bevat niet"),
        "empty": _("is leeg"),
        "filled": _("is ingevuld"),
    },
    "actions": {
        "show": _("toon vraag"),
        "hide": _("verberg vraag"),
        "require": _("maak vraag verplicht"),
        "set_value": _("vul waarde in"),
        "show_step": _("toon stap"),
        "skip_step": _("sla stap over"),
    },
}


def _plain(value):
    """Lazy translations → str, recursively, for JSON."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return str(value)


class RuleBuilderWidget(forms.Textarea):
    """The rules' JsonLogic as rows an editor reads: "Als [vraag] [is] [waarde] dan [toon] [vraag]". The script
    reads the form's own steps and questions from the editor as they are typed, and writes the same JsonLogic
    into the textarea, which stays under "Geavanceerd" for rules the builder cannot show."""

    template_name = "forms_engine/widgets/rule_builder.html"

    class Media:
        css = {"all": ["css/form-editor.css"]}
        js = ["js/rule-builder.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["builder_text"] = json.dumps(_plain(BUILDER_TEXT))
        return context


class FormNameWidget(forms.TextInput):
    """The form's name; it brings the editor's helpers (technical names from labels, labelled add buttons,
    the level of assurance only with DigiD) that work on the whole form editor."""

    class Media:
        js = ["js/form-editor.js"]
