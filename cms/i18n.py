"""Pages per language (issue 22): Dutch at /..., English at /en/... (portal/urls.py), and what a page in one
language needs to know about the other.

A page without a version in the visitor's language is shown as it is, in the visitor's interface, at the
visitor's language's address (/en/<its Dutch path>): the resident keeps reading in English, and its Dutch text is
marked `lang="nl"` (WCAG 3.1.2) with one notice that it is only available in Dutch. A page with a live version in
the visitor's language sends them there.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from portal.core.translation_overview import Item

_language_of_locale: dict[int, str] = {}
_locale_of_language: dict[str, int] = {}


def forget_locales(**kwargs) -> None:
    """Signal receiver: a locale was added, changed or removed in the editor."""
    _language_of_locale.clear()
    _locale_of_language.clear()


def _load_locales() -> None:
    if not _language_of_locale:
        for pk, language in Locale.all_objects.values_list("pk", "language_code"):
            _language_of_locale[pk] = language
            _locale_of_language[language] = pk


def language_of(page: Page) -> str:
    """The language a page is written in, without a query per page (locales hardly ever change)."""
    _load_locales()
    return _language_of_locale.get(page.locale_id, settings.LANGUAGE_CODE)


def locale_id(language: str) -> int | None:
    _load_locales()
    return _locale_of_language.get(language)


def default_version(page: Page) -> Page | None:
    """The page in the default language (the site's own tree): itself, its version there, or None."""
    if language_of(page) == settings.LANGUAGE_CODE:
        return page
    return page.get_translation_or_none(locale_id(settings.LANGUAGE_CODE))


def in_other_language(page) -> bool:
    """Whether this page's text is in another language than the interface around it."""
    return isinstance(page, Page) and language_of(page) != translation.get_language()


def lang_attribute(page):
    """` lang="nl"` on an element holding a page's own text where the interface is in another language."""
    return format_html(' lang="{}"', language_of(page)) if in_other_language(page) else ""


def url_parts_in_interface(page: Page, parts, request=None):
    """`Page.get_url_parts` of a page as the visitor reads it: a default-language page in another language's
    interface is at that language's address, where HomePage.route finds it when it has no version there."""
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE or parts is None or parts[2] is None or locale_id(language) is None:
        return parts
    if language_of(page) != settings.LANGUAGE_CODE:
        return parts  # a page in the interface's language, or another one's: at its own address
    # As Page.get_url_parts, which reverses in the page's own language.
    root_path = page._get_relevant_site_root_paths(request)[0].root_path
    with translation.override(language):
        page_path = reverse("wagtail_serve", args=(page.url_path[len(root_path) :],))
    return (parts[0], parts[1], page_path)


def page_url(page: Page, request=None) -> str:
    """A page's address as the visitor reads it (see url_parts_in_interface), also for a plain `Page`."""
    return page.specific_deferred.get_url(request) or ""


def in_language(pages, language: str | None = None) -> list[Page]:
    """Each page in `language` (the interface's by default) where it has a live version in it, else as it is;
    one query for any number of pages. The order is kept."""
    pages = list(pages)
    language = language or translation.get_language()
    wanted = locale_id(language)
    keys = {page.translation_key for page in pages if page.locale_id != wanted}
    if wanted is None or not keys:
        return pages
    found = Page.objects.filter(translation_key__in=keys, locale_id=wanted).live()
    if any(type(page) is not Page for page in pages):
        found = found.specific()
    versions = {version.translation_key: version for version in found}
    return [page if page.locale_id == wanted else versions.get(page.translation_key, page) for page in pages]


def one_version_each(pages) -> list[Page]:
    """The first of each page's versions, in the order given (a page found in more than one language)."""
    seen = set()
    return [page for page in pages if not (page.translation_key in seen or seen.add(page.translation_key))]


def page_url_in(page: Page, language: str, request=None) -> str:
    """The address of `page` as it is read in `language`: its own version in that language, else the page itself at
    that language's address."""
    with translation.override(language):
        return in_language([page], language)[0].get_url(request) or ""


def alternates(page: Page, request=None) -> list[tuple[str, str]]:
    """(language, address) of each live version of a page, its own included, Dutch first."""
    versions = [page, *page.get_translations().live()]
    found = []
    for version in sorted(versions, key=lambda version: language_of(version) != settings.LANGUAGE_CODE):
        language = language_of(version)
        with translation.override(language):
            url = version.get_full_url(request)
        if url:
            found.append((language, url))
    return found


def alternate_links(page, request=None):
    """The `<link rel="alternate" hreflang>` of a page's versions, for search engines and browsers."""
    if not isinstance(page, Page) or not page.pk:
        return ""
    links = alternates(page, request)
    if len(links) < 2:
        return ""
    default = next((url for language, url in links if language == settings.LANGUAGE_CODE), links[0][1])
    return mark_safe(  # noqa: S308 - every value goes through format_html
        format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links)
        + format_html('\n  <link rel="alternate" hreflang="x-default" href="{}">', default)
    )


def only_in_language_notice(page):
    """Said once, above a page whose text is in another language than the interface around it."""
    if not in_other_language(page):
        return ""
    language = get_language_info(language_of(page))["name_translated"]
    text = _("Deze pagina is alleen beschikbaar in het %(language)s.") % {"language": language}
    return format_html('<p class="utrecht-alert loket-language-notice" role="note">{}</p>', text)


def switch_target(request, path: str, page) -> str:
    """Where the language switch takes a visitor reading `path`: on a page (and its own sub-pages, such as a form's
    "received"), that page in the other language, its own version there where it has one; elsewhere the same
    address (the switch view takes off a language prefix that no longer applies)."""
    if not isinstance(page, Page):
        return path
    other = next(code for code, _name in settings.LANGUAGES if code != translation.get_language())
    here = page_url(page, request)
    if not here or not path.startswith(here):
        return path
    return page_url_in(page, other, request) + path[len(here) :]


def page_items(language: str) -> list[Item]:
    """Every live Dutch page and its version in `language` (for the overview of what lacks a translation): missing
    while it has none that is live, outdated once the Dutch was published again after it."""
    pages = list(Page.objects.live().filter(locale_id=locale_id(settings.LANGUAGE_CODE), depth__gt=1))
    other = locale_id(language)
    versions = {
        page.translation_key: page
        for page in Page.objects.filter(locale_id=other, translation_key__in=[page.translation_key for page in pages])
    }
    items = []
    for page in pages:
        version = versions.get(page.translation_key)
        if version is None:
            url = reverse("simple_translation:submit_page_translation", args=[page.pk])
        else:
            url = reverse("wagtailadmin_pages:edit", args=[version.pk])
        outdated = bool(
            version is not None
            and version.live
            and version.last_published_at
            and page.last_published_at
            and page.last_published_at > version.last_published_at
        )
        if version is None:
            state = _("Nog geen versie in deze taal")
        elif not version.live:
            state = _("De versie in deze taal is nog niet gepubliceerd")
        elif outdated:
            state = _("De Nederlandse pagina is gepubliceerd na de versie in deze taal")
        else:
            state = _("Gepubliceerd in deze taal")
        missing = version is None or not version.live
        items.append(Item(page.title, url, 1, int(missing), int(outdated), state))
    return items
