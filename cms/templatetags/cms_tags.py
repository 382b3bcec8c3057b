from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[Page]:
    """The home page's children that editors marked 'show in menus'."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().in_menu().only("title", "url_path", "depth", "path"))


@register.simple_tag
def breadcrumbs(page: Page) -> list[Page]:
    """Ancestors from the home page down to the page's parent; empty on the home page itself."""
    if page is None or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2).live())
