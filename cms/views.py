from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

from cms import i18n
from cms.models import FormPage
from cms.public_cache import mark_public

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 200


def search(request):
    """Full-text search over the live public pages; a very long query is cut, never an error."""
    # Control characters (a NUL byte breaks SQLite's full-text query) carry no meaning in a search.
    query = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable()).strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:  # public() itself asks the database, so an empty search page costs nothing
        # Form pages are reached through their service page, which explains what the form is for.
        found = Page.objects.live().public().not_type(FormPage).specific().search(query)[:MAX_RESULTS]
        # A page found in both languages is listed once, in the visitor's language where it has a version in it.
        results = i18n.in_language(i18n.one_version_each(found))
    page = Paginator(results, 10).get_page(request.GET.get("pagina"))
    return mark_public(TemplateResponse(request, "search/search.html", {"query": query, "results": page}))
