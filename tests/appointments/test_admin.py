"""Editors keep products, locations, resources and ceremony types in the admin."""

import pytest

from portal.appointments.models import Product

MODELS = ("product", "location", "resource", "ceremonytype")


@pytest.mark.parametrize("model", MODELS)
def test_each_appointment_model_has_a_list_and_an_add_form(editor_client, model):
    assert editor_client.get(f"/cms/snippets/appointments/{model}/").status_code == 200
    assert editor_client.get(f"/cms/snippets/appointments/{model}/add/").status_code == 200


def test_a_product_that_nobody_could_book_is_refused_with_the_reason(editor_client):
    data = {
        "name": "Paspoort",
        "slug": "paspoort",
        "description": "",
        "duration_minutes": "17",
        "extra_person_minutes": "0",
        "max_persons": "1",
        "min_days_ahead": "1",
        "max_days_ahead": "90",
        "max_open_per_person": "1",
        "required_loa": "",
        "active": "on",
        "fee": "0",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
    }
    response = editor_client.post("/cms/snippets/appointments/product/add/", data)
    html = response.content.decode()
    assert "Gebruik een veelvoud van 5 minuten." in html
    assert "Kies een DigiD-niveau, of sta afspreken zonder DigiD toe." in html
    assert not Product.objects.exists()
    data |= {"duration_minutes": "15", "allow_anonymous": "on"}
    assert editor_client.post("/cms/snippets/appointments/product/add/", data).status_code == 302
    assert Product.objects.get().minutes_for(3) == 15
