"""The public frame around every page (municipality details for header and footer, the main menu), cached per site.

It is the same for everybody and changes only when an editor publishes, moves or deletes a page or saves the
municipality settings, so every request does not need to ask the database for it. Those edits bump a version
stamp that is part of the cache key; the timeout bounds staleness where the cache is per process (LocMemCache
with several workers).
"""

import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Site

from cms import i18n

VERSION_KEY = "cms:chrome:version"
TIMEOUT_SECONDS = 300


@dataclass(frozen=True)
class MenuItem:
    page_id: int
    title: str
    url: str
    lang: str = ""  # the title's language where it is not the interface's (a page without a version in it)


@dataclass(frozen=True)
class SiteChrome:
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    opening_hours: str = ""
    contact_url: str = ""
    accessibility_url: str = ""
    privacy_url: str = ""
    menu: tuple[MenuItem, ...] = ()
    home_url: str = "/"
    # The language the name, address and opening hours are written in, each, where it is not the interface's.
    name_lang: str = ""
    address_lang: str = ""
    opening_hours_lang: str = ""


def bump_version(**kwargs) -> None:
    """Signal receiver: whatever the frame showed may have changed."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def bump_version_on_change(*, created=False, **kwargs) -> None:
    """post_save receiver: a settings row created (with its defaults) while the frame is built changes nothing."""
    if not created:
        bump_version()


def _version() -> str:
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)


def content_version(request) -> str:
    """The content version as this request first saw it: asked once per request, however many parts use it."""
    version = getattr(request, "_loket_content_version", None)
    if version is None:
        version = request._loket_content_version = _version()
    return version


def _build(request) -> SiteChrome:
    from cms.models import MunicipalitySettings

    site = Site.find_for_request(request)
    if site is None:
        return SiteChrome(name=MunicipalitySettings._meta.get_field("name").default)
    municipality = MunicipalitySettings.for_site(site)

    language = get_language()
    # The site's own tree is the default language's: in another language each page is shown in its version there,
    # where it has one.
    translated = language != settings.LANGUAGE_CODE

    def url(page) -> str:
        if not page or not page.live:
            return ""
        return i18n.page_url(i18n.in_language([page])[0] if translated else page, request)

    menu = site.root_page.get_children().live().public().in_menu()
    menu = i18n.in_language(menu) if translated else list(menu)
    # Name, address and opening hours in the interface's language, the Dutch text (and its language) where none.
    texts = {field: getattr(municipality.text, field) for field in municipality.TRANSLATED}
    return SiteChrome(
        phone=municipality.phone,
        email=municipality.email,
        **{field: str(text) for field, text in texts.items()},
        **{f"{field}_lang": text.lang for field, text in texts.items() if text.lang != language},
        contact_url=url(municipality.contact_page),
        accessibility_url=url(municipality.accessibility_page),
        privacy_url=url(municipality.privacy_page),
        menu=tuple(
            MenuItem(
                page_id=page.pk,
                title=page.title,
                url=i18n.page_url(page, request),
                lang=i18n.language_of(page) if translated and i18n.language_of(page) != language else "",
            )
            for page in menu
        ),
        home_url=reverse("wagtail_serve", args=("",)),  # the site's root, in the interface's language
    )


# The frame last seen by this process, per key: the shared cache is asked for the version only (one round trip
# to Redis instead of two, no unpickling of the frame on every request).
_seen: dict[str, tuple[float, SiteChrome]] = {}


def site_chrome(request) -> SiteChrome:
    key = f"cms:chrome:{request.get_host()}:{get_language()}:{content_version(request)}"
    seen = _seen.get(key)
    if seen is not None and seen[0] > time.monotonic():
        return seen[1]
    chrome = cache.get(key)
    if chrome is None:
        chrome = _build(request)
        cache.set(key, chrome, TIMEOUT_SECONDS)
    if len(_seen) >= 32:  # one version is current, and older ones are never asked for again
        _seen.clear()
    _seen[key] = (time.monotonic() + TIMEOUT_SECONDS, chrome)
    return chrome


def context_processor(request) -> dict:
    """`chrome` in every template, fetched only when a template uses it."""
    return {"chrome": SimpleLazyObject(lambda: site_chrome(request))}
