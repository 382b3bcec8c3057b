"""Extra questions per category: a forms engine form, asked as a step of the report, as Open311 attributes, and
shown to staff and the reporter (never to the public or to followers)."""

import json
import logging
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forms_engine.demo import field, step
from portal.reports import services
from portal.reports.models import Report
from tests.factories.cases import make_resident
from tests.factories.forms import make_form
from tests.helpers import login_resident
from tests.reports.conftest import INSIDE, LAMP_STEPS, make_report, staff_member


def _url(name):
    return reverse("reports:step", kwargs={"step": name})


def _to_questions(client, category="lantaarnpaal"):
    client.get(reverse("reports:start"))
    client.post(_url("wat"), {"description": "De lantaarnpaal brandt niet"})
    return client.post(_url("soort"), {"category": category})


def _answer_and_send(client, answers):
    assert client.post(_url("vragen"), answers).url == _url("fotos")
    client.post(_url("fotos"), {})
    client.post(_url("waar"), {"latitude": str(INSIDE[0]), "longitude": str(INSIDE[1])})
    client.post(_url("contact"), {})
    page = client.get(_url("controle")).content.decode()
    assert client.post(_url("controle"), {}).url == reverse("reports:sent")
    return page


def test_a_category_with_questions_asks_them_as_a_step_and_keeps_the_answers_as_asked(client, asked):
    assert _to_questions(client).url == _url("vragen")
    page = client.get(_url("vragen")).content.decode()
    assert "Stap 3 van 7" in page and "Over de lantaarnpaal" in page and "sticker op ooghoogte" in page
    response = client.post(_url("vragen"), {"paalnummer": "0123-0456789X"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kies een antwoord bij ‘Wat is er aan de hand?’" in page and "niet meer dan 12 tekens" in page
    assert 'href="#id_probleem_0"' in page and 'id="id_probleem_0"' in page  # the summary leads to the first option
    check = _answer_and_send(
        client,
        {
            "paalnummer": "0123-045",
            "probleem": "Knippert",
            "wanneer": ["Overdag", "'s Nachts"],
            "sinds_0": "1",
            "sinds_1": "11",
            "sinds_2": "2026",
            "gevaar": "nee",
        },
    )
    assert "Nummer op de paal" in check and "0123-045" in check and "1 november 2026" in check
    report = Report.objects.get()
    assert report.answers == [
        {"key": "paalnummer", "label": "Nummer op de paal", "value": "0123-045", "text": "0123-045"},
        {"key": "probleem", "label": "Wat is er aan de hand?", "value": "Knippert", "text": "Knippert"},
        {"key": "wanneer", "label": "Wanneer?", "value": ["Overdag", "'s Nachts"], "text": "Overdag, 's Nachts"},
        {"key": "sinds", "label": "Sinds wanneer?", "value": "2026-11-01", "text": "1 november 2026"},
        {"key": "gevaar", "label": "Is er gevaar?", "value": False, "text": "Nee"},
    ]


def test_a_category_without_questions_skips_the_step_and_counts_six(client, categories, asked):
    assert _to_questions(client, category="container-vol").url == _url("fotos")
    page = client.get(_url("fotos")).content.decode()
    assert "Stap 3 van 6" in page and f'href="{_url("soort")}"' in page  # back goes to the kind, not to questions
    assert client.get(_url("vragen")).url == _url("fotos")


def test_answers_for_another_kind_are_dropped_and_skipping_the_questions_is_not_possible(client, categories, asked):
    _to_questions(client, category="container-vol")
    client.post(_url("fotos"), {})
    client.post(_url("soort"), {"category": "lantaarnpaal"})  # changed their mind: now it has questions
    for later in ("fotos", "waar", "contact", "controle"):
        assert client.get(_url(later)).url == _url("vragen")
    client.post(_url("vragen"), {"probleem": "Brandt niet", "gevaar": "ja"})
    client.post(_url("soort"), {"category": "container-vol"})
    client.post(_url("waar"), {"latitude": str(INSIDE[0]), "longitude": str(INSIDE[1])})
    client.post(_url("contact"), {})
    assert "Brandt niet" not in client.get(_url("controle")).content.decode()
    client.post(_url("controle"), {})
    assert Report.objects.get().answers == []


def test_only_a_published_one_step_form_without_files_can_be_a_categorys_questions(categories):
    lighting = categories["lighting"]
    two_steps = make_form(slug="twee", steps=[*LAMP_STEPS, step("meer", "Meer", [field("text", "x", "X")])])
    with_file = make_form(slug="bestand", steps=[step("s", "S", [field("file", "f", "Bijlage")])])
    draft = make_form(slug="concept", steps=LAMP_STEPS, publish=False)
    for form, message in ((two_steps, "één stap"), (with_file, "Bijlage"), (draft, "Publiceer")):
        lighting.questions = form
        with pytest.raises(ValidationError) as error:
            lighting.full_clean()
        assert message in " ".join(error.value.message_dict["questions"])


def test_questions_changed_after_being_chosen_into_something_a_report_cannot_ask_are_not_asked(client, asked, caplog):
    asked.steps = [step("s", "S", [field("file", "f", "Bijlage")])]
    asked.save_revision().publish()
    with caplog.at_level(logging.WARNING, logger="portal.reports.questions"):
        assert _to_questions(client).url == _url("fotos")
    assert "not asked" in caplog.text


def test_a_form_that_is_part_of_something_else_has_no_address_of_its_own(client, asked):
    assert client.get(reverse("forms_engine:form", kwargs={"slug": asked.slug})).status_code == 404


def test_answers_reach_staff_and_the_reporter_but_not_a_follower(client, categories, asked):
    reporter, neighbour = make_resident(), make_resident()
    report = make_report(
        categories["lamp"],
        resident=reporter,
        description="Lamp voor mijn huis, nummer 7",
        address="Kerkstraat 7, Voorbeeldstad",
        street="Kerkstraat",
        answers=[{"key": "paalnummer", "label": "Nummer op de paal", "value": "0123-045", "text": "0123-045"}],
    )
    services.report_follow(report=report, resident=neighbour)
    url = reverse("reports:detail", kwargs={"uuid": report.uuid})
    login_resident(client, reporter)
    page = client.get(url).content.decode()
    assert "Nummer op de paal" in page and "Lamp voor mijn huis" in page and "Kerkstraat 7" in page
    login_resident(client, neighbour)
    page = client.get(url).content.decode()
    assert "U volgt deze melding" in page and "Kerkstraat" in page
    for private in ("0123-045", "Lamp voor mijn huis", "Kerkstraat 7"):
        assert private not in page
    staff_member(client, teams=[categories["lamp"].team])
    page = client.get(reverse("reports_backoffice:detail", kwargs={"uuid": report.uuid})).content.decode()
    assert "Nummer op de paal" in page and "0123-045" in page


def _post(client, app_key, **fields):
    data = {"api_key": app_key, "service_code": "lantaarnpaal", "lat": "52.0925", "long": "5.1225"}
    return client.post(reverse("open311_requests", kwargs={"fmt": "json"}), {**data, **fields})


@pytest.fixture
def app_key(db):
    return services.client_app_create(name="BuitenBeter")[1]


def test_open311_lists_the_questions_as_attributes_in_json_and_xml(client, asked):
    services_list = client.get(reverse("open311_services", kwargs={"fmt": "json"})).json()
    assert {s["service_code"]: s["metadata"] for s in services_list} == {
        "lantaarnpaal": True,
        "container-vol": False,
        "ratten": False,
    }
    definition = client.get(reverse("open311_service", kwargs={"code": "lantaarnpaal", "fmt": "json"})).json()
    attributes = {a["code"]: a for a in definition["attributes"]}
    assert attributes["uitleg"]["variable"] is False
    assert attributes["probleem"] == {
        "variable": True,
        "code": "probleem",
        "datatype": "singlevaluelist",
        "required": True,
        "datatype_description": "",
        "order": 3,
        "description": "Wat is er aan de hand?",
        "values": [{"key": "Brandt niet", "name": "Brandt niet"}, {"key": "Knippert", "name": "Knippert"}],
    }
    assert [attributes[code]["datatype"] for code in ("paalnummer", "wanneer", "sinds", "gevaar")] == [
        "string",
        "multivaluelist",
        "datetime",
        "singlevaluelist",
    ]
    xml = client.get(reverse("open311_service", kwargs={"code": "lantaarnpaal", "fmt": "xml"})).content
    root = ET.fromstring(xml)
    assert [a.findtext("code") for a in root.iter("attribute")] == list(attributes)
    assert [v.findtext("key") for v in root.find(".//attribute[code='gevaar']/values")] == ["ja", "nee"]


def test_an_app_answers_the_questions_with_the_same_checks(client, asked, app_key):
    response = _post(client, app_key, description="Lamp kapot", **{"attribute[paalnummer]": "0123-045"})
    errors = response.json()
    assert response.status_code == 400 and "attribute[probleem]" in errors[0]["description"]
    assert "attribute[gevaar]" in errors[0]["description"] and not Report.objects.exists()
    response = _post(
        client, app_key, description="Lamp kapot", **{"attribute[probleem]": "Kapot", "attribute[gevaar]": "nee"}
    )
    assert response.status_code == 400 and "Kies een van de antwoorden" in response.json()[0]["description"]
    response = _post(
        client,
        app_key,
        description="Lamp kapot",
        **{
            "attribute[probleem]": "Brandt niet",
            "attribute[wanneer][]": ["Overdag", "'s Nachts"],
            "attribute[sinds]": "2026-11-01",
            "attribute[gevaar]": "ja",
        },
    )
    assert response.status_code == 201, response.content
    values = {row["key"]: row["value"] for row in Report.objects.get().answers}
    assert values == {
        "paalnummer": "",
        "probleem": "Brandt niet",
        "wanneer": ["Overdag", "'s Nachts"],
        "sinds": "2026-11-01",
        "gevaar": True,
    }
    response = _post(
        client,
        app_key,
        description="Nog een",
        **{"attribute[probleem]": "Knippert", "attribute[gevaar]": "ja", "attribute[sinds]": "gisteren"},
    )
    assert response.status_code == 400 and "attribute[sinds]" in response.json()[0]["description"]


def test_answers_never_reach_the_public(client, categories, asked):
    make_report(
        categories["lamp"],
        answers=[{"key": "paalnummer", "label": "Nummer op de paal", "value": "GEHEIM-77", "text": "GEHEIM-77"}],
    )
    bodies = [client.get(reverse("open311_requests", kwargs={"fmt": fmt})).content.decode() for fmt in ("json", "xml")]
    bodies.append(client.get(reverse("reports:public_list")).content.decode())
    bodies.append(json.dumps(client.get(reverse("reports:public_geojson"), {"bbox": "5.0,52.0,5.2,52.2"}).json()))
    assert all("GEHEIM-77" not in body and "Nummer op de paal" not in body for body in bodies)
