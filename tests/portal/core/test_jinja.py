"""Jinja2 (portal/core/jinja.py) behaves as Django's templates did: local time, the shared translation catalogue, the
same addresses, everything a resident or staff member typed escaped; and a Django page and a Jinja2 page get the same
frame (jinja2/base.html)."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.template import TemplateSyntaxError, engines
from django.urls import reverse
from django.utils import translation

from portal.cases.services import case_create
from portal.inbox.models import Message
from tests.factories.cases import CaseTypeFactory, make_resident
from tests.helpers import login_resident

MALICIOUS = '<script>alert("x")</script> & <b>vet</b>'


def _render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_dates_read_in_the_municipality_s_time_zone_and_language():
    late_evening_utc = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    assert _render('{{ moment|date("j F Y") }} {{ moment|time("H:i") }}', moment=late_evening_utc) == (
        "1 januari 2027 00:30"
    )
    with translation.override("en"):
        assert _render('{{ moment|date("j F Y") }}', moment=late_evening_utc) == "1 January 2027"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_date_reads_as_django_s_date_filter_writes_it(language):
    """The Jinja2 `date` filter's shortcut for the pages' formats against Django's own filter, for every day of a
    leap year and a few moments; other formats and values that are no date go to Django's filter."""
    from django.template.defaultfilters import date as django_date

    formats = ["j F Y", "l j F Y", "d-m-Y", "n/j/Y", "j F, Y.", "F", "l", "D j M Y", r"j \v\a\n F", "H:i", "Y-m-d H:i"]
    start = datetime.date(2028, 1, 1)
    values = [start + datetime.timedelta(days=offset) for offset in range(366)]
    values += [datetime.datetime(2026, 3, 9, 7, 5), datetime.datetime(1, 1, 1), datetime.date(2026, 12, 31)]
    template = engines["jinja2"].from_string("{{ value|date(arg) }}")
    with translation.override(language):
        for arg in formats:
            for value in values:
                if "H" in arg and type(value) is datetime.date:
                    continue  # Django refuses a time format for a date, and so does this filter (it is Django's)
                assert template.render({"value": value, "arg": arg}) == django_date(value, arg), (arg, value)
        for value in (None, "", "geen datum", 17):
            assert template.render({"value": value, "arg": "j F Y"}) == django_date(value, "j F Y")
        assert template.render({"value": start, "arg": None}) == django_date(start)


def test_text_comes_from_the_same_catalogue_as_django_s_templates():
    assert _render('{{ _("Geen berichten.") }}') == "Geen berichten."
    with translation.override("en"):
        assert _render('{{ _("Geen berichten.") }}') == "No messages."
        assert _render('{{ _("Maak uw aanvraag af: %(name)s")|format(name="<Paspoort>") }}') == (
            "Finish your request: &lt;Paspoort&gt;"
        )


@pytest.mark.urls("portal.urls")
def test_addresses_are_django_s_with_and_without_arguments():
    assert _render("{{ url('cases:list') }}") == reverse("cases:list")
    uuid = "6f1c1c9e-4a4b-4c55-9a43-0d6b1b0b8a11"
    assert _render("{{ url('cases:detail', uuid) }}", uuid=uuid) == reverse("cases:detail", args=[uuid])


ESCAPED = r"&lt;script&gt;alert\((&#34;|&quot;)x(&#34;|&quot;)\)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;"


def test_what_residents_and_staff_typed_is_escaped_on_mijn_loket_and_mijn_zaken(client, db):
    resident = make_resident()
    case_create(case_type=CaseTypeFactory(name=MALICIOUS), resident=resident)
    Message.objects.create(resident=resident, subject=MALICIOUS, body="Tekst")
    login_resident(client, resident)
    for path in ("/mijn/", "/mijn/zaken/"):
        html = client.get(path).content.decode()
        assert "<script>alert" not in html and "<b>vet</b>" not in html, path
        # Escaped by Jinja2 (&#34;) or, for an editor's text that knows its language (portal/core/translations.py),
        # by Django (&quot;): either way the markup is text.
        assert re.search(
            r"&lt;script&gt;alert\((&#34;|&quot;)x(&#34;|&quot;)\)&lt;/script&gt; &amp; &lt;b&gt;vet", html
        ), path
        cards = BeautifulSoup(html, "html.parser").select(".loket-card__title")
        assert MALICIOUS in [card.get_text() for card in cards], path


def _frame(html: str) -> dict:
    soup = BeautifulSoup(html, "html.parser")
    for token in soup.select('input[name="csrfmiddlewaretoken"]'):
        token.decompose()  # masked anew for every page
    return {
        "lang": soup.html["lang"],
        "head": [str(link) for link in soup.head.find_all("link")],
        "skip": str(soup.select_one(".utrecht-skip-link")),
        "footer": str(soup.footer),
        "scripts": [script.get("src") for script in soup.find_all("script") if script.get("src")],
        "body": dict(soup.body.attrs),
        "dialog": str(soup.select_one("dialog")),
    }


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_django_page_and_a_jinja2_page_share_one_frame(client, db, language):
    login_resident(client, make_resident())
    client.cookies["django_language"] = language
    jinja2_page = client.get("/mijn/").content.decode()  # jinja2/dashboard/overview.html
    django_page = client.get("/mijn/zaken/").content.decode()  # templates/cases/case_list.html
    assert jinja2_page.startswith("<!DOCTYPE html>") and django_page.startswith("<!DOCTYPE html>")
    frames = _frame(jinja2_page), _frame(django_page)
    assert frames[0] == frames[1]
    assert frames[0]["lang"] == language
    assert "data-session-idle-seconds" in frames[0]["body"] and frames[0]["dialog"] != "None"
    assert BeautifulSoup(jinja2_page, "html.parser").title.get_text() == (
        "Mijn Loket | Gemeente Voorbeeldstad" if language == "nl" else "My Loket | Gemeente Voorbeeldstad"
    )


def test_a_django_page_s_blocks_and_their_parents_arrive_in_the_frame(rf, db):
    page = engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}Titel &amp; meer{% endblock %}'
        '{% block extra_head %}<meta name="x" content="1">{% endblock %}'
        '{% block breadcrumbs %}<nav id="kruimels"></nav>{% endblock %}'
        "{% block content %}<p>{{ tekst }}</p>{% endblock %}"
        '{% block extra_js %}{{ block.super }}<script src="/extra.js"></script>{% endblock %}'
    )
    request = rf.get("/")
    request.user = AnonymousUser()
    soup = BeautifulSoup(page.render({"tekst": "<script>x</script>"}, request), "html.parser")
    assert soup.title.get_text() == "Titel & meer | Gemeente Voorbeeldstad"
    assert soup.head.select_one('meta[name="x"]') is not None
    assert soup.select_one(".loket-page > nav#kruimels") is not None
    assert soup.select_one("main#main > p").get_text() == "<script>x</script>"  # escaped by Django, not twice
    assert soup.body.find_all("script")[-1]["src"] == "/extra.js"


def test_every_form_on_a_page_carries_one_and_the_same_valid_token(client, db):
    """The header's logout, the session dialog and the page's own forms: one masked token, not one per use."""
    login_resident(client, make_resident())
    for path in ("/mijn/", "/mijn/zaken/"):
        soup = BeautifulSoup(client.get(path).content.decode(), "html.parser")
        tokens = {field["value"] for field in soup.select('input[name="csrfmiddlewaretoken"]')}
        assert len(tokens) == 1 and len(next(iter(tokens))) == 64, (path, tokens)


def test_a_page_s_texts_are_in_its_own_language_whatever_the_page_before_was_in(client, db):
    """`_` on a Jinja2 page is looked up once per page (portal.core.jinja.translation_context), per language."""
    login_resident(client, make_resident())
    for language, heading, section in [
        ("nl", "Mijn Loket", "Wat u moet doen"),
        ("en", "My Loket", "What you need to do"),
        ("nl", "Mijn Loket", "Wat u moet doen"),
    ]:
        client.cookies["django_language"] = language
        soup = BeautifulSoup(client.get("/mijn/").content.decode(), "html.parser")
        assert soup.h1.get_text() == heading and soup.select_one("#nothing-yet").get_text() == section, language
        assert soup.select_one(".utrecht-skip-link").get_text() == (
            "Direct naar de inhoud" if language == "nl" else "Skip to content"
        )


@pytest.mark.parametrize(
    "source",
    [
        "{% load jinja_tags %}{% jinja_frame %}{% endjinja_frame %}",
        "{% load jinja_tags %}{% jinja_frame base.html %}{% endjinja_frame %}",
        "{% load jinja_tags %}{% jinja_frame 'base.html\" %}{% endjinja_frame %}",
        "{% load jinja_tags %}{% jinja_frame 'base.html' 'extra' %}{% endjinja_frame %}",
        "{% load jinja_tags %}{% jinja_frame 'base.html' %}",
    ],
)
def test_a_frame_named_wrongly_or_left_open_is_a_clear_template_error(source):
    with pytest.raises(TemplateSyntaxError):
        engines["django"].from_string(source)
