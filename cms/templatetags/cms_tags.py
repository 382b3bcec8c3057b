import re
from types import SimpleNamespace
from urllib.parse import quote

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from cms import chrome, i18n
from cms.public_cache import CSRF_PLACEHOLDER

register = template.Library()

_kept: dict[tuple, str] = {}


def _kept_render(context, template_name: str, variant: tuple, frame: dict) -> str:
    request = context.get("request")
    where = (request.get_host(), chrome.content_version(request)) if request else ("", "")
    key = (template_name, get_language(), *where, *variant)
    html = _kept.get(key)
    if html is None:
        if len(_kept) > 500:  # older content versions are never asked for again
            _kept.clear()
        html = _kept[key] = render_to_string(
            template_name, {"chrome": context.get("chrome"), "csrf_token": CSRF_PLACEHOLDER, **frame}
        )
    # On a public page the token is the placeholder itself, which the page cache replaces per visitor.
    return html.replace(CSRF_PLACEHOLDER, str(context.get("csrf_token", "")))


@register.simple_tag(takes_context=True)
def kept_include(context, template_name: str):
    """An include that reads the same for everybody in a language (the footer, the session dialog): rendered once
    per process, site, language and content version, from the site frame (`chrome`) and the form token only, which
    is the visitor's own on every use. Saves the frame's rendering on every personal page."""
    return mark_safe(_kept_render(context, template_name, (), {}))  # noqa: S308 - our own template


# Stand-ins for what differs per request in the header, put in after the kept rendering. The path has spaces so
# that its two spellings stay apart: as typed (the language switch) and URL-encoded (the login link).
_PATH = "loket kept path"
_QUERY = "loket-kept-search-query"
_UNREAD = "loket-kept-unread-count"
_SWITCH = "loket-kept-switch-next"
_HEADER_STAND_INS = re.compile(
    "|".join(
        re.escape(stand_in) for stand_in in (escape(quote(_PATH, safe="/")), escape(_PATH), _QUERY, _UNREAD, _SWITCH)
    )
)


@register.simple_tag(takes_context=True)
def kept_header(context):
    """includes/header.html, kept per variant (logged in as a resident or not, unread messages or not, the page
    for the menu's current item) and completed per request: form token, search words, this page's address (escaped
    exactly as the template would) and the unread count."""
    user, page = context.get("user"), context.get("page")
    resident = bool(user is not None and user.is_authenticated and getattr(user, "is_party", False))
    unread = int(str(context.get("unread_messages") or 0)) if resident else 0  # a lazy count: str() evaluates it
    page_pk, page_depth = getattr(page, "pk", None), getattr(page, "depth", None)
    frame = {
        "user": SimpleNamespace(is_authenticated=resident, is_party=resident),
        "unread_messages": _UNREAD if unread else 0,
        "page": SimpleNamespace(pk=page_pk, depth=page_depth) if page is not None else None,
        "query": _QUERY,
        "request": SimpleNamespace(get_full_path=lambda: _PATH),
        "switch_next": _SWITCH,
    }
    html = _kept_render(context, "includes/header.html", (resident, bool(unread), page_pk, page_depth), frame)
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    values = {
        escape(quote(_PATH, safe="/")): escape(quote(path, safe="/")),  # the |urlencode spelling
        escape(_PATH): escape(path),
        _QUERY: escape(context.get("query") or ""),
        _UNREAD: str(unread),
        # The language switch returns to this page in the other language, its own version there if it has one.
        _SWITCH: escape(i18n.switch_target(request, path, page) if request is not None else path),
    }
    # One pass: what a visitor typed into the address or search is never searched for stand-ins again.
    html = _HEADER_STAND_INS.sub(lambda match: values[match.group(0)], html)
    return mark_safe(html)  # noqa: S308 - our own template, every value put in escaped


@register.simple_tag
def breadcrumbs(page: Page) -> list[Page]:
    """Ancestors from the home page down to the page's parent, each in the visitor's language where it has a
    version in it; empty on the home page itself."""
    if page is None or page.depth <= 2:
        return []
    trail = page.get_ancestors().filter(depth__gte=2).live()
    return i18n.in_language(trail) if i18n.in_other_language(page) else list(trail)


@register.simple_tag
def in_interface_language(page: Page) -> Page:
    """A page in the visitor's language where it has a live version in it, else the page itself."""
    return i18n.in_language([page])[0]


@register.simple_tag(takes_context=True)
def page_address(context, page: Page) -> str:
    """A page's address as the visitor reads it: at the visitor's language's address also without a version in it."""
    return i18n.page_url(page, context.get("request"))


@register.simple_tag
def lang_attr(page: Page):
    """` lang="nl"` on an element with a page's own text (its title in a list) in an interface in another language."""
    return i18n.lang_attribute(page)
