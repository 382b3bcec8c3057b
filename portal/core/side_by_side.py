"""Translating side by side (issue 22): each Dutch text residents read beside a box for the other language, how
many still lack one, and which translations the Dutch has outgrown since they were written (when the caller keeps
the Dutch each was made from). Used for a form's texts (forms_engine/translate.py) and a case type's
(portal/cases/translate.py); each decides what its texts are and where their translations are kept."""

import hashlib
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.core.translations import other_languages

LONG = 120  # a longer Dutch text, or one with a line break, gets a box of several lines
LONGEST = 5000  # a text without a limit of its own


@dataclass
class Source:
    """One text to translate: its key where the caller keeps it, what it is in an editor's words, its Dutch."""

    key: str
    what: str
    dutch: str
    max_length: int | None = None
    long: bool = False


def is_outdated(translation: str, made_from: str, dutch: str) -> bool:
    """A translation made from a Dutch text that has since changed."""
    return bool(translation and made_from and made_from != dutch)


def counts(sources: list[Source], current: dict, was: dict) -> tuple[int, int]:
    """(how many texts lack a translation, how many translations the Dutch has outgrown), as the screen shows."""
    missing = sum(1 for source in sources if not current.get(source.key))
    outdated = sum(1 for source in sources if is_outdated(current.get(source.key), was.get(source.key), source.dutch))
    return missing, outdated


class SideBySideForm(forms.Form):
    """One box per Dutch text, named after its key (which may hold any character), not its place: a text the Dutch
    gains meanwhile shifts nothing. `current`: the translations as kept; `was`: the Dutch each was made from."""

    def __init__(self, *args, sources: list[Source], current: dict, was: dict, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for source in sources:
            name = "t_" + hashlib.sha256(source.key.encode()).hexdigest()[:16]
            text, before = current.get(source.key) or "", was.get(source.key) or ""
            attrs = {"aria-describedby": f"dutch-{name}", "lang": language}
            long = source.long or len(source.dutch) > LONG or "\n" in source.dutch
            self.fields[name] = forms.CharField(
                label=source.what,
                required=False,
                max_length=source.max_length or LONGEST,
                initial=text,
                widget=forms.Textarea(attrs={**attrs, "rows": 4}) if long else forms.TextInput(attrs=attrs),
            )
            self.rows.append(
                {
                    "source": source,
                    "field": name,
                    "missing": not text,
                    "outdated": is_outdated(text, before, source.dutch),
                    "was": before,
                }
            )

    def values(self) -> dict[str, tuple[str, str]]:
        """{key: (translation as typed, "" for an empty box; the Dutch it translates)}."""
        return {row["source"].key: (self.cleaned_data[row["field"]], row["source"].dutch) for row in self.rows}


@dataclass
class Screen:
    """What a side-by-side screen is about, in an editor's words, and where it leads back to."""

    subject: str
    explanation: str
    back_url: str
    back_text: str


def side_by_side(request, *, language: str, sources: list[Source], current: dict, was: dict, save, screen: Screen):
    """The screen for one thing in one of the site's other languages: shown, or saved (`save(values)`, then back to
    the screen with a message); an unknown language is not found. Who may use it is the caller's to check."""
    languages = dict(other_languages())
    if language not in languages:
        raise Http404
    form = SideBySideForm(request.POST or None, sources=sources, current=current, was=was, language=language)
    if request.method == "POST":
        if form.is_valid():
            save(form.values())
            messages.success(
                request,
                _("De vertaling (%(language)s) van ‘%(form)s’ is opgeslagen. Inwoners lezen haar meteen.")
                % {"form": screen.subject, "language": languages[language]},
            )
            return redirect(request.path)
        messages.error(request, _("Niet opgeslagen: kijk bij de teksten met een melding."))
    rows = [{**row, "bound": form[row["field"]]} for row in form.rows]
    context = {
        "form": form,
        "rows": rows,
        "missing": sum(row["missing"] for row in rows),
        "outdated": sum(row["outdated"] for row in rows),
        "screen": screen,
        "language_name": languages[language],
    }
    return render(request, "admin/side_by_side.html", context)
