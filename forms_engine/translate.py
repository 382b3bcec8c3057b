"""Translating a form side by side (issue 22): every text residents read, the Dutch one beside a box for the other
language, with what is missing and what the Dutch has outgrown since it was translated. The Dutch form is
published as ever; residents read the translation from the moment it is saved, and the Dutch text where a
translation is missing (marked as Dutch)."""

import hashlib
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forms_engine.models import FormDefinition, FormTranslation
from forms_engine.translation import source_texts
from portal.core.translations import other_languages

PERMISSION = "forms_engine.change_formdefinition"
LONG = 120  # longer Dutch texts, or texts with a line break, get a box of several lines
LONG_TEXTS = {"intro", "confirmation_text", "confirmation_email"}  # and information blocks: always several lines
LONGEST = 5000  # a text without a limit of its own in the form builder (an intro, an information block)
OWN_TEXTS = {
    "name": gettext_lazy("Naam van het formulier"),
    "intro": gettext_lazy("Inleiding"),
    "confirmation_text": gettext_lazy("Tekst na het versturen"),
    "confirmation_email": gettext_lazy("Bevestigingsmail ({formulier}, {kenmerk} en {datum} blijven zo staan)"),
}
MAX_LENGTHS = {"name": 200, "label": 200, "title": 120, "option": 200, "help_text": 500, "regex_message": 200}


@dataclass
class Source:
    """One text to translate: where it is (a path, or one of the form's own fields), what it is, its Dutch."""

    path: str
    what: str
    dutch: str
    max_length: int | None


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
        Source(name, str(label), getattr(latest, name), MAX_LENGTHS.get(name))
        for name, label in OWN_TEXTS.items()
        if getattr(latest, name)
    ]
    for path, dutch in source_texts(latest.build_schema()).items():
        what, max_length = _what(path)
        found.append(Source(path, what, dutch, max_length))
    return found


class TranslationForm(forms.Form):
    """One box per Dutch text, named after its path (which may hold any character an answer does)."""

    def __init__(self, *args, sources: list[Source], row: FormTranslation, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources, self.row = sources, row
        self.rows = []
        for source in sources:
            own = source.path in OWN_TEXTS
            current = getattr(row, source.path) if own else row.texts.get(source.path, "")
            was = "" if own else row.sources.get(source.path, "")
            long = source.path in LONG_TEXTS or source.path.endswith(".text") or len(source.dutch) > LONG
            long = long or "\n" in source.dutch
            # Named by the text's path, not its place: a question the Dutch gains meanwhile shifts nothing.
            name = "t_" + hashlib.sha256(source.path.encode()).hexdigest()[:16]
            attrs = {"aria-describedby": f"dutch-{name}", "lang": row.language}
            self.fields[name] = forms.CharField(
                label=source.what,
                required=False,
                max_length=source.max_length or LONGEST,
                initial=current,
                strip=True,
                widget=forms.Textarea(attrs={**attrs, "rows": 4}) if long else forms.TextInput(attrs=attrs),
            )
            self.rows.append(
                {
                    "source": source,
                    "field": name,
                    "missing": not current,
                    "outdated": bool(current and was and was != source.dutch),
                    "was": was,
                }
            )

    def bound_rows(self):
        return [{**row, "bound": self[row["field"]]} for row in self.rows]

    def save(self) -> FormTranslation:
        row = self.row
        texts, sources = dict(row.texts), dict(row.sources)
        for item in self.rows:
            source, value = item["source"], self.cleaned_data[item["field"]]
            if source.path in OWN_TEXTS:
                setattr(row, source.path, value)
            elif value:
                texts[source.path], sources[source.path] = value, source.dutch
            else:
                texts.pop(source.path, None)
                sources.pop(source.path, None)
        row.texts, row.sources = texts, sources
        row.save()
        return row


def translate_form(request, pk: int, language: str):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    languages = dict(other_languages())
    if language not in languages:
        raise Http404
    definition = get_object_or_404(FormDefinition, pk=pk)
    row = definition.translations.filter(language=language).first() or FormTranslation(
        form=definition, language=language
    )
    form = TranslationForm(request.POST or None, sources=sources_of(definition), row=row)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(
                request,
                _("De vertaling (%(language)s) van ‘%(form)s’ is opgeslagen. Inwoners lezen haar meteen.")
                % {"form": definition.name, "language": languages[language]},
            )
            return redirect("forms_translate:translate", pk=definition.pk, language=language)
        messages.error(request, _("Niet opgeslagen: kijk bij de teksten met een melding."))
    rows = form.bound_rows()
    context = {
        "definition": definition,
        "language": language,
        "language_name": languages[language],
        "form": form,
        "rows": rows,
        "missing": sum(row["missing"] for row in rows),
        "outdated": sum(row["outdated"] for row in rows),
    }
    return render(request, "forms_engine/backoffice/translate.html", context)
