from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from cms import chrome
from cms.public_cache import CSRF_PLACEHOLDER

register = template.Library()

_kept: dict[tuple, str] = {}


@register.simple_tag(takes_context=True)
def kept_include(context, template_name: str):
    """An include that reads the same for everybody in a language (the footer, the session dialog): rendered once
    per process, site, language and content version, from the site frame (`chrome`) and the form token only, which is
    the visitor's own on every use. Saves the frame's rendering on every personal page."""
    request = context.get("request")
    where = (request.get_host(), chrome.content_version(request)) if request else ("", "")
    key = (template_name, get_language(), *where)
    html = _kept.get(key)
    if html is None:
        if len(_kept) > 200:  # older content versions are never asked for again
            _kept.clear()
        frame = {"chrome": context.get("chrome"), "csrf_token": CSRF_PLACEHOLDER}
        html = _kept[key] = render_to_string(template_name, frame)
    # On a public page the token is the placeholder itself, which the page cache replaces per visitor.
    return mark_safe(html.replace(CSRF_PLACEHOLDER, str(context.get("csrf_token", ""))))  # noqa: S308 - our template


@register.simple_tag
def breadcrumbs(page: Page) -> list[Page]:
    """Ancestors from the home page down to the page's parent; empty on the home page itself."""
    if page is None or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2).live())
