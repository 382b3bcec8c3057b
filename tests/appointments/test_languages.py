"""Appointments in English (issue 22): the booking steps, Mijn Loket and the mails name products and locations in
English where an editor gave them an English text, and in Dutch marked lang="nl" where not (never an empty label);
the mails go out in the language the appointment was booked in, whoever sets them off."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.utils import translation
from icalendar import Calendar

from portal.appointments.models import (
    Booking,
    CeremonyType,
    CeremonyTypeTranslation,
    LocationTranslation,
    Product,
    ProductTranslation,
)
from portal.appointments.services import booking_create, booking_move
from tests.appointments.conftest import at, query
from tests.appointments.test_wedding import _params
from tests.cms.test_languages import DUTCH, _dutch_outside_lang_nl, _soup, edit_form_data, refuses_bad_translation_rows
from tests.factories.appointments import ProductFactory
from tests.factories.cases import make_resident
from tests.helpers import login_resident

pytestmark = pytest.mark.usefixtures("clock")

STEPS = [
    "/afspraak/?" + query(products=["paspoort", "rijbewijs"]),
    "/afspraak/locatie/?" + query(products=["paspoort", "rijbewijs"], persons=1),
    "/afspraak/dag/?" + query(products=["paspoort", "rijbewijs"], persons=1, location="stadhuis"),
    "/afspraak/tijd/?" + query(products=["paspoort", "rijbewijs"], persons=1, location="stadhuis", day="2026-11-25"),
    "/afspraak/gegevens/?"
    + query(products=["paspoort", "rijbewijs"], persons=1, location="stadhuis", start="2026-11-25T09:00:00+01:00"),
]


@pytest.fixture
def translated(desk, passport):
    """The passport and the city hall have English texts; the driving licence has none."""
    ProductTranslation.objects.create(
        product=passport, language="en", name="Apply for a passport", description="A recent passport photo."
    )
    passport.description = "Een recente pasfoto."
    passport.save()
    LocationTranslation.objects.create(location=desk.location, language="en", name="City Hall")
    licence = ProductFactory(slug="rijbewijs", name="Rijbewijs ophalen", description="Uw oude rijbewijs.")
    desk.products.add(licence)
    return passport, licence


def _soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _marked(html: str, text: str) -> list[str]:
    """The `lang` of each element whose own text is exactly `text` ("" where none is marked)."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for node in soup.body.find_all(string=lambda s: s and " ".join(s.split()) == text):
        found.append(next((parent["lang"] for parent in node.parents if parent.has_attr("lang")), ""))
    return found


@pytest.mark.parametrize("url", STEPS)
def test_each_booking_step_in_english_names_what_has_english_in_english_and_marks_the_rest_dutch(
    client, translated, url
):
    response = _in_english(client).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert _soup(response).html["lang"] == "en"
    dutch = DUTCH | {"Paspoort", "Stadhuis", "Rijbewijs ophalen", "Een recente pasfoto.", "Uw oude rijbewijs."}
    assert _dutch_outside_lang_nl(html, dutch) == []
    assert "Apply for a passport" in html and "Paspoort" not in html
    assert set(_marked(html, "Rijbewijs ophalen")) == {"nl"}, "the product without English: Dutch, marked"
    if "locatie" in url or "gegevens" in url:
        assert "City Hall" in html and "Stadhuis" not in html


def test_the_booking_steps_in_dutch_are_as_before_and_ask_nothing_more(
    client, translated, django_assert_max_num_queries
):
    for url in STEPS[:2]:
        with django_assert_max_num_queries(8):
            html = client.get(url).content.decode()
        assert "Paspoort" in html and "Apply for a passport" not in html
        assert 'lang="nl"' not in html.split("<body", 1)[1], "nothing to mark in the site's own language"


def test_english_costs_one_query_more_per_list_not_one_per_product(client, translated, django_assert_max_num_queries):
    _in_english(client)
    for url in STEPS[:2]:
        with django_assert_max_num_queries(9):
            assert client.get(url).status_code == 200


def test_a_booking_made_in_english_gets_its_mails_in_english_also_when_staff_move_it(
    client, translated, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _in_english(client).post(STEPS[-1], {"name": "Sam Smith", "email": "sam@example.org"})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.language == "en"

    booked = mailoutbox[0]
    assert booked.subject == "Your appointment has been booked"
    assert "Apply for a passport" in booked.body and "Bring for Apply for a passport:" in booked.body
    assert "A recent passport photo." in booked.body
    assert "Rijbewijs ophalen" in booked.body and "<span" not in booked.body, "plain text: no markup"
    event = Calendar.from_ical(booked.attachments[0][1]).walk("VEVENT")[0]
    assert str(event["summary"]) == "Appointment: Apply for a passport, Rijbewijs ophalen"
    assert str(event["location"]).startswith("City Hall, ")

    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):  # staff, in Dutch
        booking_move(booking=booking, starts_at=at("2026-11-26", 10))
        assert translation.get_language() == "nl", "the sender's own language is left as it was"
    moved = mailoutbox[1]
    assert moved.subject == "Your appointment has been moved"
    assert "Apply for a passport" in moved.body


def test_a_booking_made_in_dutch_keeps_its_dutch_mails(
    translated, desk, mailoutbox, django_capture_on_commit_callbacks
):
    passport, _licence = translated
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(
            products=[passport],
            persons=1,
            location=desk.location,
            starts_at=at("2026-11-25", 9),
            name="Jan Jansen",
            email="jan@example.nl",
        )
    assert booking.language == "nl"
    assert mailoutbox[0].subject == "Uw afspraak is gemaakt"
    assert "Paspoort" in mailoutbox[0].body and "Apply for a passport" not in mailoutbox[0].body


def test_mijn_loket_in_english_names_the_appointment_in_english(
    client, translated, desk, django_assert_max_num_queries
):
    passport, licence = translated
    resident = make_resident()
    for hour, products in ((9, [passport]), (11, [licence])):
        booking_create(
            products=products,
            persons=1,
            location=desk.location,
            starts_at=at("2026-11-25", hour),
            name="Sam Smith",
            email="sam@example.org",
            resident=resident,
        )
    login_resident(_in_english(client), resident)
    client.get("/mijn/")  # the frame and the caches built once
    with django_assert_max_num_queries(13):  # 11 in Dutch; the products' and locations' English, one query each
        html = client.get("/mijn/").content.decode()
    assert "Apply for a passport" in html and "City Hall" in html
    assert set(_marked(html, "Rijbewijs ophalen")) == {"nl"}
    mine = client.get(f"/mijn/afspraken/{Booking.objects.get(products=passport).uuid}/", follow=True)
    mine = mine.content.decode()
    assert "Apply for a passport" in mine and "Bring for Apply for a passport:" in mine


def test_appointment_staff_keep_a_product_s_english_text_beside_the_dutch_and_bad_input_is_refused(
    editor_client, translated
):
    client = editor_client
    passport, _licence = translated
    url = f"/cms/snippets/appointments/product/edit/{passport.pk}/"
    data = edit_form_data(client, url)
    assert data["translations-TOTAL_FORMS"] == "1" and data["translations-0-language"] == "en"
    data["translations-0-name"] = "Passport application"
    assert client.post(url, data).status_code == 302
    assert "Passport application" in _in_english(Client()).get(STEPS[0]).content.decode()

    translations = Product.objects.get(pk=passport.pk).translations.all()
    refuses_bad_translation_rows(client, url, data, translations, field="name", empty=("description",))


@pytest.mark.parametrize("model", ["product", "location"])
def test_the_edit_screens_with_their_translations_open(editor_client, translated, desk, model):
    pk = translated[0].pk if model == "product" else desk.location.pk
    screen = editor_client.get(f"/cms/snippets/appointments/{model}/edit/{pk}/")
    assert screen.status_code == 200
    assert re.search(r'name="translations-0-language"', screen.content.decode())


def test_the_demo_ships_the_products_and_locations_in_english(db):
    from portal.appointments.demo import load_demo_appointments

    load_demo_appointments()
    load_demo_appointments()  # idempotent
    with translation.override("en"):
        names = {product.slug: product.text.name for product in Product.objects.all()}
    assert names["paspoort"] == "Apply for a passport"
    assert all(text.lang == "en" for text in names.values()), "every demo product has an English name"
    assert ProductTranslation.objects.count() == Product.objects.count()


def test_the_wedding_planner_in_english_names_the_ceremonies_in_english_or_marked_dutch(
    client, simple, rooms, registrars
):
    """Its choices, its answer and an alternative with another ceremony (the planner's own test data)."""
    CeremonyTypeTranslation.objects.create(ceremony_type=simple, language="en", name="Simple ceremony")
    free = CeremonyType.objects.create(name="Gratis", slug="gratis", fee=0, duration_minutes=15)
    free.rooms.set([rooms["small"]])

    _in_english(client)
    params = (
        _params(rooms["small"], registrars["Anna"]).replace("eenvoudig", "gratis").replace("gasten=10", "gasten=20")
    )
    html = client.get("/huwelijk/?" + params).content.decode()
    assert "Simple ceremony" in html and "Eenvoudig" not in html
    assert set(_marked(html, "Gratis")) == {"nl"}, "the ceremony without English: Dutch, marked"
    alternative = _soup_of(html).select_one("#wedding-answer a.utrecht-link[href^='?']")
    assert alternative.get_text().startswith("Simple ceremony: "), "another ceremony, offered in English"
    assert _dutch_outside_lang_nl(html, DUTCH | {"Eenvoudig", "Gratis"}) == []


def test_the_wedding_planner_in_english_names_the_rooms_in_english_or_marked_dutch(
    client, simple, rooms, registrars, city_hall
):
    """A room with an English name is named in English in the list, the answer and the alternatives; one without
    is named in Dutch, marked, also inside an English sentence."""
    from portal.appointments.models import ResourceTranslation

    ResourceTranslation.objects.create(resource=rooms["large"], language="en", name="Council chamber")
    LocationTranslation.objects.create(location=city_hall, language="en", name="City Hall")
    _in_english(client)
    html = client.get("/huwelijk/?" + _params(rooms["small"], registrars["Anna"]).replace("gasten=10", "gasten=20"))
    html = html.content.decode()
    soup = _soup_of(html)
    options = {option.get_text(): option.get("lang", "") for option in soup.select("select[name=zaal] option")}
    assert options["Council chamber (City Hall)"] == "" and options["Trouwkamer (City Hall)"] == "nl"
    problem = soup.select_one("#wedding-answer .utrecht-alert p")
    assert problem.get_text() == "Trouwkamer holds 12 guests."
    assert problem.select_one("span[lang=nl]").get_text() == "Trouwkamer"
    labels = [link.get_text() for link in soup.select("#wedding-answer a.utrecht-link[href^='?']")]
    assert any("in Council chamber" in label for label in labels), labels
    assert _dutch_outside_lang_nl(html, DUTCH | {"Trouwkamer", "Raadzaal", "Eenvoudig"}) == []
