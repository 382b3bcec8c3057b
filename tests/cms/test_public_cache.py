"""Public pages are kept for visitors who are not logged in, and never at the cost of a wrong page: every visitor
gets their own form token, an edit shows at once, and nobody logged in, restricted or with a message waiting gets
a kept page."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory
from wagtail.models import PageViewRestriction

from cms.models import ServicePage
from cms.public_cache import CSRF_PLACEHOLDER, HEADER
from tests.factories.cases import make_resident
from tests.helpers import login_resident

SERVICE = "/producten-en-diensten/paspoort/"
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def _without_tokens(body: bytes) -> bytes:
    return TOKEN.sub(b"", body)


@pytest.mark.parametrize("url", ["/", SERVICE, "/producten-en-diensten/", "/zoeken/?q=paspoort"])
def test_the_second_visitor_gets_the_kept_page_without_a_query(demo_site, url, django_assert_num_queries):
    first = Client().get(url)
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second[HEADER] == "hit"
    assert _without_tokens(second.content) == _without_tokens(first.content)
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"], "security headers as rendered"
    assert second["Content-Type"] == first["Content-Type"]


def test_each_visitor_gets_their_own_working_form_token(demo_site):
    Client().get(SERVICE)
    visitor = Client(enforce_csrf_checks=True)
    kept = visitor.get(SERVICE)
    assert kept[HEADER] == "hit"
    assert CSRF_PLACEHOLDER.encode() not in kept.content
    token = TOKEN.search(kept.content).group(1).decode()
    other = TOKEN.search(Client().get(SERVICE).content).group(1).decode()
    assert token != other
    switched = visitor.post("/taal/", {"language": "en", "next": SERVICE, "csrfmiddlewaretoken": token})
    assert switched.status_code == 302, "the language switch on a kept page works"
    english = visitor.get(SERVICE, follow=True)  # to the page's English version
    assert english.redirect_chain[-1][0] == "/en/services/passport/"
    assert english.content.decode().count('<html lang="en"') == 1, "English is kept apart from Dutch"
    stranger = Client(enforce_csrf_checks=True)
    assert stranger.post("/taal/", {"language": "en", "csrfmiddlewaretoken": token}).status_code == 403


def test_a_published_change_shows_at_once(demo_site):
    assert "Nieuwe openingstijden" not in Client().get(SERVICE).content.decode()
    page = ServicePage.objects.get(slug="paspoort")
    page.intro = "Nieuwe openingstijden voor paspoorten."
    page.save_revision().publish()
    response = Client().get(SERVICE)
    assert response[HEADER] == "miss"
    assert "Nieuwe openingstijden voor paspoorten." in response.content.decode()


def test_a_page_made_private_is_no_longer_shown_from_the_cache(demo_site):
    assert Client().get(SERVICE).status_code == 200
    page = ServicePage.objects.get(slug="paspoort")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = Client().get(SERVICE)
    assert response.status_code == 302 and HEADER not in response


def test_logged_in_residents_never_get_or_leave_a_kept_page(demo_site):
    Client().get(SERVICE)
    resident = Client()
    login_resident(resident, make_resident())
    page = resident.get(SERVICE)
    assert HEADER not in page and "Uitloggen" in page.content.decode()
    assert "Uitloggen" not in Client().get(SERVICE).content.decode()


def test_a_visitor_with_a_message_waiting_gets_a_rendered_page_and_keeps_the_message(demo_site):
    Client().get("/")
    visitor = Client()
    storage = CookieStorage(RequestFactory().get("/"))
    visitor.cookies[storage.cookie_name] = storage._encode([Message(constants.SUCCESS, "U bent uitgelogd.")])
    response = visitor.get("/")
    assert HEADER not in response
    assert storage.cookie_name not in response.cookies, "not consumed: the next page that shows messages has it"


def test_pages_nobody_marked_as_public_are_never_kept(demo_site):
    for url in ("/dit-bestaat-niet/", "/inloggen/", "/formulieren/verhuizing/"):
        Client().get(url)
        assert HEADER not in Client().get(url), url


def test_odd_and_huge_addresses_are_answered_and_kept_apart(demo_site):
    huge = "/zoeken/?q=" + "paspoort%20" * 2000
    assert Client().get(huge).status_code == 200
    assert Client().get(huge)[HEADER] == "hit"
    other = Client().get("/zoeken/?q=rijbewijs").content.decode()
    assert "Rijbewijs" in other
    assert Client().head(SERVICE).status_code == 200


def test_switched_off_every_visit_is_rendered(demo_site, settings):
    settings.LOKET_PUBLIC_PAGE_CACHE = False
    Client().get(SERVICE)
    response = Client().get(SERVICE)  # a new client loads the middleware anew
    assert HEADER not in response
    assert CSRF_PLACEHOLDER.encode() not in response.content


def test_the_kept_frame_carries_each_residents_own_working_token_and_fresh_settings(demo_site):
    """The footer and the session dialog are rendered once per language and content version, not per request."""
    from cms.models import MunicipalitySettings

    tokens = []
    for _ in range(2):
        resident = Client(enforce_csrf_checks=True)
        login_resident(resident, make_resident())
        page = resident.get("/mijn/").content
        assert CSRF_PLACEHOLDER.encode() not in page
        dialog = page[page.index(b'id="session-timeout-dialog"') :]
        token = TOKEN.search(dialog).group(1).decode()
        assert resident.post("/sessie/verlengen/", {"csrfmiddlewaretoken": token}).json() == {"authenticated": True}
        tokens.append(token)
    assert tokens[0] != tokens[1]

    settings_row = MunicipalitySettings.objects.get()
    settings_row.phone = "14 099"
    settings_row.save()
    resident = Client()
    login_resident(resident, make_resident())
    assert 'href="tel:14099"' in resident.get("/mijn/").content.decode()


@pytest.mark.parametrize(
    "path",
    ["/", "/zoeken/?q=<script>alert(1)</script>\"'&x=1", "/mijn/?a=b c&d=%22é%22", "/pad met spaties/#x"],
)
@pytest.mark.parametrize("who", ["visitor", "resident", "resident with unread"])
def test_the_kept_header_reads_exactly_as_the_rendered_one(demo_site, path, who):
    """Kept per variant and completed per request, the header equals the template rendered as usual, hostile
    addresses and search words included (escaped the same way)."""
    from django.contrib.auth.models import AnonymousUser
    from django.template import engines
    from django.test import RequestFactory
    from wagtail.models import Page

    from portal.inbox.models import Message

    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    if who != "visitor":
        request.user = make_resident()
        if who == "resident with unread":
            Message.objects.create(resident=request.user, subject="Nieuw", body="Tekst")
    request.session = {}
    page = Page.objects.get(depth=3, slug="producten-en-diensten").specific
    context = {"page": page, "query": "<b>paspoort</b> \"&'"}
    engine = engines["django"]
    rendered = engine.from_string('{% include "includes/header.html" %}').render(context, request)
    engine.from_string("{% load cms_tags %}{% kept_header %}").render(context, request)  # fills the keep
    kept = engine.from_string("{% load cms_tags %}{% kept_header %}").render(context, request)
    assert _without_tokens(kept.encode()) == _without_tokens(rendered.encode())
    assert "<script>" not in kept and "<b>" not in kept
    assert ("loket-count" in kept) is (who == "resident with unread")


def test_stand_in_words_in_an_address_or_search_stay_as_typed(demo_site):
    """A visitor who types the header's own stand-ins gets them back escaped, never something else put in."""
    resident = Client()
    login_resident(resident, make_resident())
    html = resident.get("/mijn/?x=loket-kept-unread-count&y=loket-kept-search-query").content.decode()
    assert 'name="next" value="/mijn/?x=loket-kept-unread-count&amp;y=loket-kept-search-query"' in html
