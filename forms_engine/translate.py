"""Translating a form side by side (issue 22): every text residents read, the Dutch one beside a box for the other
language (portal/core/side_by_side.py). The Dutch form is published as ever; residents read the translation from
the moment it is saved, and the Dutch text where a translation is missing (marked as Dutch)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms_engine.models import FormDefinition, FormTranslation
from forms_engine.translation import source_texts
from portal.core.side_by_side import Screen, Source, counts, side_by_side
from portal.core.translation_overview import Item

PERMISSION = "forms_engine.change_formdefinition"
OWN_TEXTS = {
    "name": gettext_lazy("Naam van het formulier"),
    "intro": gettext_lazy("Inleiding"),
    "confirmation_text": gettext_lazy("Tekst na het versturen"),
    "confirmation_email": gettext_lazy("Bevestigingsmail ({formulier}, {kenmerk} en {datum} blijven zo staan)"),
}
MAX_LENGTHS = {"name": 200, "label": 200, "title": 120, "option": 200, "help_text": 500, "regex_message": 200}


def _what(path: str) -> tuple[str, int | None]:
    """What a step text is, in words an editor knows from the form builder, and its longest allowed length."""
    key, _sep, part = path.partition(".")
    if part.startswith("option."):
        return _("Antwoord bij ‘%(key)s’") % {"key": key}, MAX_LENGTHS["option"]
    words = {
        "title": _("Titel van stap ‘%(key)s’"),
        "label": _("Vraag ‘%(key)s’"),
        "help_text": _("Toelichting bij ‘%(key)s’"),
        "regex_message": _("Foutmelding bij het patroon van ‘%(key)s’"),
        "text": _("Tekst ‘%(key)s’"),
    }
    return words[part] % {"key": key}, MAX_LENGTHS.get(part)


def sources_of(definition: FormDefinition) -> list[Source]:
    """The form's texts as the editor last saved them (so a change can be translated before it is published)."""
    latest = definition.get_latest_revision_as_object() if definition.latest_revision_id else definition
    found = [
        Source(name, str(label), getattr(latest, name), MAX_LENGTHS.get(name), long=name != "name")
        for name, label in OWN_TEXTS.items()
        if getattr(latest, name)
    ]
    for path, dutch in source_texts(latest.build_schema()).items():
        what, max_length = _what(path)
        found.append(Source(path, what, dutch, max_length, long=path.endswith(".text")))
    return found


def _current(row: FormTranslation) -> dict[str, str]:
    return {**{name: getattr(row, name) for name in OWN_TEXTS}, **row.texts}


def form_items(language: str) -> list[Item]:
    """Every form, counted on the texts of its last saved version (for the overview of what lacks a translation)."""
    items = []
    definitions = FormDefinition.objects.select_related("latest_revision").prefetch_related("translations")
    for definition in definitions:
        sources = sources_of(definition)
        row = next((row for row in definition.translations.all() if row.language == language), None)
        missing, outdated = counts(sources, _current(row), row.sources) if row else (len(sources), 0)
        url = reverse("forms_translate:translate", kwargs={"pk": definition.pk, "language": language})
        items.append(Item(definition.name, url, len(sources), missing, outdated))
    return items


def translate_form(request, pk: int, language: str):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    definition = get_object_or_404(FormDefinition, pk=pk)
    row = definition.translations.filter(language=language).first() or FormTranslation(
        form=definition, language=language
    )

    def save(values: dict[str, tuple[str, str]]) -> None:
        texts, sources = dict(row.texts), dict(row.sources)
        for key, (value, dutch) in values.items():
            if key in OWN_TEXTS:
                setattr(row, key, value)
            elif value:
                texts[key], sources[key] = value, dutch
            else:
                texts.pop(key, None)
                sources.pop(key, None)
        row.texts, row.sources = texts, sources
        row.save()

    screen = Screen(
        subject=definition.name,
        explanation=_(
            "Links de Nederlandse tekst van het formulier, rechts wat inwoners lezen die de website in een andere "
            "taal gebruiken. Een leeg vak: zij lezen de Nederlandse tekst, gemarkeerd als Nederlands. Technische "
            "namen, antwoordwaarden en regels blijven die van het Nederlandse formulier: een antwoord telt in elke "
            "taal hetzelfde."
        ),
        back_url=reverse("wagtailsnippets_forms_engine_formdefinition:edit", args=[definition.pk]),
        back_text=_("Terug naar het formulier"),
    )
    return side_by_side(
        request,
        language=language,
        sources=sources_of(definition),
        current=_current(row),
        was=row.sources,
        save=save,
        screen=screen,
    )
