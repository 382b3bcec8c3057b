"""What still lacks a translation, across everything residents read (issue 22): pages, forms, case types, the
municipality's details, appointment products, locations, rooms, ceremonies, notice categories and rules, report
categories. Each app registers its kinds of things from its `ready()` (what they are, who may translate them, and
how to count what a thing lacks in a language); `overview` (the admin's "Vertalingen") lists them, per kind, for
each language the site has beside Dutch.

    kinds.register_translatable("products", _("Afspraakproducten"), Product.objects.all(), order=50)
    kinds.register("forms", _("Formulieren"), models=(FormDefinition,), permission=..., items=form_items, order=30)
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import render
from wagtail.admin.admin_url_finder import AdminURLFinder

from portal.core.side_by_side import Source, counts
from portal.core.translations import other_languages


@dataclass(frozen=True)
class Item:
    """One thing residents read, and how many of its texts lack a translation in one language, or outgrew it."""

    name: str
    url: str | None  # where an editor translates it
    total: int
    missing: int
    outdated: int = 0
    state: str = ""  # its state in words, where counting texts says it less well (a page: one version or none)

    @property
    def done(self) -> bool:
        return not self.missing and not self.outdated


@dataclass(frozen=True)
class Kind:
    identifier: str
    label: str
    models: tuple[type[Model], ...]  # the models whose texts it counts (a test checks every translatable one is)
    permission: str  # who may translate them, and so see them here
    items: Callable[[str], Iterable[Item]]
    order: int  # its place in the overview


class Kinds:
    def __init__(self):
        self._kinds: dict[str, Kind] = {}

    def register(self, identifier: str, label: str, *, models, permission: str, items, order: int) -> None:
        if identifier in self._kinds:
            raise ValueError(f"translation kind {identifier!r} is already registered")
        self._kinds[identifier] = Kind(identifier, label, tuple(models), permission, items, order)

    def register_translatable(self, identifier: str, label: str, queryset: QuerySet, *, order: int, name=str) -> None:
        """A kind of `Translatable` objects whose translations are kept in their own edit screen ("In andere
        talen"): counted on their own texts, for whoever may change them."""
        meta = queryset.model._meta
        self.register(
            identifier,
            label,
            models=(queryset.model,),
            permission=f"{meta.app_label}.change_{meta.model_name}",
            items=lambda language: translatable_items(queryset, language, name),
            order=order,
        )

    def __iter__(self):
        return iter(sorted(self._kinds.values(), key=lambda kind: kind.order))

    def for_user(self, user) -> list[Kind]:
        return [kind for kind in self if user.has_perm(kind.permission)]


kinds = Kinds()


def own_sources(obj) -> list[Source]:
    """A `Translatable` object's own texts that have Dutch to translate, as side-by-side sources."""
    sources = []
    for field in obj.TRANSLATED:
        dutch = getattr(obj, field)
        if dutch:
            sources.append(Source(field, str(obj._meta.get_field(field).verbose_name), str(dutch)))
    return sources


def translatable_items(queryset: QuerySet, language: str, name=str) -> list[Item]:
    """Each `Translatable` object of the queryset, counted on its own texts, with its edit screen (where its
    translations are kept, under "In andere talen"). One query for the objects and one for their translations."""
    finder = AdminURLFinder()
    items = []
    for obj in queryset.prefetch_related("translations"):
        sources = own_sources(obj)
        row = next((row for row in obj.translations.all() if row.language == language), None)
        current = {source.key: getattr(row, source.key, "") for source in sources} if row else {}
        missing, outdated = counts(sources, current, {})
        items.append(Item(name(obj), finder.get_edit_url(obj), len(sources), missing, outdated))
    return items


def overview(request):
    """Every kind the editor may translate, with what still lacks a translation (or outgrew it) in the chosen
    language; `?alles=1` lists what is done too."""
    visible = kinds.for_user(request.user)
    if not visible:
        raise PermissionDenied
    languages = other_languages()
    language = request.GET.get("taal") or languages[0][0]
    if language not in dict(languages):
        raise Http404
    show_all = request.GET.get("alles") == "1"
    sections = []
    for kind in visible:
        items = sorted(kind.items(language), key=lambda item: item.name.casefold())
        sections.append(
            {
                "kind": kind,
                "items": items if show_all else [item for item in items if not item.done],
                "count": len(items),
                "open": sum(not item.done for item in items),
                "missing": sum(item.missing for item in items),
                "outdated": sum(item.outdated for item in items),
            }
        )
    context = {
        "sections": sections,
        "languages": languages,
        "language": language,
        "language_name": dict(languages)[language],
        "show_all": show_all,
    }
    return render(request, "admin/translation_overview.html", context)
