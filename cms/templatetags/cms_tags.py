from django import template
from wagtail.models import Page

register = template.Library()


@register.simple_tag
def breadcrumbs(page: Page) -> list[Page]:
    """Ancestors from the home page down to the page's parent; empty on the home page itself."""
    if page is None or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2).live())
