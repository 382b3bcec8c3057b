"""Case types in other languages (issue 22): what residents read of a case type — its name and description, each
status's name and text — written side by side with the Dutch (portal/core/side_by_side.py), and counted for the
overview of what still lacks a translation (portal/core/translation_overview.py). The Dutch comes from the case type
catalogue; only the translations are kept here."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.cases.models import CaseType, CaseTypeTranslation, StatusType, StatusTypeTranslation
from portal.core.side_by_side import Screen, Source, counts, side_by_side
from portal.core.translation_overview import Item

PERMISSION = "cases.translate_casetype"


def _case_types():
    statuses = StatusType.objects.order_by("order").prefetch_related("translations")
    return CaseType.objects.prefetch_related("translations", Prefetch("status_types", queryset=statuses))


def _sources(case_type: CaseType) -> list[Source]:
    sources = [Source("name", _("Naam"), case_type.name, 120)]
    if case_type.public_description:
        sources.append(Source("description", _("Omschrijving"), case_type.public_description, long=True))
    for status in case_type.status_types.all():
        words = {"number": status.order, "name": status.name}
        sources.append(Source(f"status.{status.pk}.name", _("Status %(number)s: naam") % words, status.name, 80))
        sources.append(
            Source(
                f"status.{status.pk}.text",
                _("Status %(number)s (%(name)s): tekst voor de inwoner") % words,
                status.public_text,
                long=True,
            )
        )
    return sources


def _current(case_type: CaseType, language: str) -> dict[str, str]:
    """The translations in `language` as kept, by the sources' keys."""
    current = {}
    own = next((row for row in case_type.translations.all() if row.language == language), None)
    if own is not None:
        current |= {"name": own.name, "description": own.public_description}
    for status in case_type.status_types.all():
        row = next((row for row in status.translations.all() if row.language == language), None)
        if row is not None:
            current |= {f"status.{status.pk}.name": row.name, f"status.{status.pk}.text": row.public_text}
    return current


def case_type_items(language: str) -> list[Item]:
    """Every case type, counted on its own texts and its statuses' (for the overview of what lacks a translation)."""
    items = []
    for case_type in _case_types():
        sources = _sources(case_type)
        missing, outdated = counts(sources, _current(case_type, language), {})
        url = reverse("cases_translate:translate", kwargs={"pk": case_type.pk, "language": language})
        items.append(Item(case_type.name, url, len(sources), missing, outdated))
    return items


@transaction.atomic
def _save(case_type: CaseType, language: str, values: dict[str, tuple[str, str]]) -> None:
    CaseTypeTranslation.objects.update_or_create(
        case_type=case_type,
        language=language,
        defaults={"name": values["name"][0], "public_description": values.get("description", ("", ""))[0]},
    )
    for status in case_type.status_types.all():
        StatusTypeTranslation.objects.update_or_create(
            status_type=status,
            language=language,
            defaults={
                "name": values.get(f"status.{status.pk}.name", ("", ""))[0],
                "public_text": values.get(f"status.{status.pk}.text", ("", ""))[0],
            },
        )


def translate_case_type(request, pk: int, language: str):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    case_type = get_object_or_404(_case_types(), pk=pk)
    screen = Screen(
        subject=case_type.name,
        explanation=_(
            "Links de Nederlandse tekst van het zaaktype, rechts wat inwoners lezen die de website in een andere taal "
            "gebruiken: bij hun aanvragen in Mijn Loket en bij elke stap van de tijdlijn. Een leeg vak: zij lezen de "
            "Nederlandse tekst, gemarkeerd als Nederlands."
        ),
        back_url=reverse("translation_overview") + f"?taal={language}#case_types",
        back_text=_("Terug naar de vertalingen"),
    )
    return side_by_side(
        request,
        language=language,
        sources=_sources(case_type),
        current=_current(case_type, language),
        was={},
        save=lambda values: _save(case_type, language, values),
        screen=screen,
    )
