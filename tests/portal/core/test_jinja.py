"""The Jinja2 content of Mijn Loket and the case cards (portal/core/jinja.py) behaves as Django's templates did: local
time, the shared translation catalogue, the same addresses, and everything a resident or staff member typed escaped."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template import engines
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


def test_what_residents_and_staff_typed_is_escaped_on_mijn_loket_and_mijn_zaken(client, db):
    resident = make_resident()
    case_create(case_type=CaseTypeFactory(name=MALICIOUS), resident=resident)
    Message.objects.create(resident=resident, subject=MALICIOUS, body="Tekst")
    login_resident(client, resident)
    for path in ("/mijn/", "/mijn/zaken/"):
        html = client.get(path).content.decode()
        assert "<script>alert" not in html and "<b>vet</b>" not in html, path
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;" in html, path
        cards = BeautifulSoup(html, "html.parser").select(".loket-card__title")
        assert MALICIOUS in [card.get_text() for card in cards], path
