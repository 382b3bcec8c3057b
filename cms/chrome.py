"""The public frame around every page (municipality details for header and footer, the main menu), cached per site.

It is the same for everybody and changes only when an editor publishes, moves or deletes a page or saves the
municipality settings, so every request does not need to ask the database for it. Those edits bump a version
stamp that is part of the cache key; the timeout bounds staleness where the cache is per process (LocMemCache
with several workers).
"""

import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

VERSION_KEY = "cms:chrome:version"
TIMEOUT_SECONDS = 300


@dataclass(frozen=True)
class MenuItem:
    page_id: int
    title: str
    url: str


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

    def url(page) -> str:
        return (page.get_url(request) or "") if page and page.live else ""

    menu = site.root_page.get_children().live().public().in_menu().only("title", "url_path", "depth", "path")
    return SiteChrome(
        name=municipality.name,
        phone=municipality.phone,
        email=municipality.email,
        address=municipality.address,
        opening_hours=municipality.opening_hours,
        contact_url=url(municipality.contact_page),
        accessibility_url=url(municipality.accessibility_page),
        privacy_url=url(municipality.privacy_page),
        menu=tuple(MenuItem(page_id=page.pk, title=page.title, url=page.get_url(request) or "") for page in menu),
    )


# The frame last seen by this process, per key: the shared cache is asked for the version only (one round trip
# to Redis instead of two, no unpickling of the frame on every request).
_seen: dict[str, tuple[float, SiteChrome]] = {}


def site_chrome(request) -> SiteChrome:
    key = f"cms:chrome:{request.get_host()}:{content_version(request)}"
    seen = _seen.get(key)
    if seen is not None and seen[0] > time.monotonic():
        return seen[1]
    chrome = cache.get(key)
    if chrome is None:
        chrome = _build(request)
        cache.set(key, chrome, TIMEOUT_SECONDS)
    _seen.clear()  # one version (per host) is current; older ones are never asked for again
    _seen[key] = (time.monotonic() + TIMEOUT_SECONDS, chrome)
    return chrome


def context_processor(request) -> dict:
    """`chrome` in every template, fetched only when a template uses it."""
    return {"chrome": SimpleLazyObject(lambda: site_chrome(request))}
