"""Open311 GeoReport v2, checked against the standard's field definitions: what a service and a service request
must hold, JSON and XML alike, API keys for posting, errors as the standard's error list, and no reporter's data."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.core import mail

from portal.reports import services
from portal.reports.models import Photo, Report
from tests.reports.conftest import INSIDE, PRIVATE, make_report

BASE = "/open311/v2"
# GeoReport v2: the fields of a service (GET services) and of a service request (GET requests).
SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


@pytest.fixture
def app_key(db):
    _app, key = services.client_app_create(name="BuitenBeter")
    return key


def _xml_items(content: bytes) -> list[dict]:
    root = ET.fromstring(content)
    return [{child.tag: child.text or "" for child in item} for item in root]


def test_services_hold_the_standards_fields_in_json_and_xml(client, categories):
    services_json = client.get(f"{BASE}/services.json").json()
    assert {s["service_code"] for s in services_json} == {"lantaarnpaal", "container-vol", "ratten"}
    assert all(set(s) == SERVICE_FIELDS and s["type"] == "realtime" and s["metadata"] is False for s in services_json)
    assert next(s for s in services_json if s["service_code"] == "lantaarnpaal")["group"] == "Verlichting"
    services_xml = _xml_items(client.get(f"{BASE}/services.xml").content)
    assert [s["service_code"] for s in services_xml] == [s["service_code"] for s in services_json]
    assert all(set(s) == SERVICE_FIELDS for s in services_xml)
    definition = client.get(f"{BASE}/services/lantaarnpaal.json").json()
    assert definition == {"service_code": "lantaarnpaal", "attributes": []}
    assert (
        ET.fromstring(client.get(f"{BASE}/services/lantaarnpaal.xml").content).find("service_code").text
        == "lantaarnpaal"
    )
    missing = client.get(f"{BASE}/services/bestaat-niet.json")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404
    assert client.get(f"{BASE}/services.csv").status_code == 404


def test_requests_hold_the_standards_fields_and_never_a_reporters_data(client, reported):
    Photo.objects.create(report=reported["shown"], file="x.jpg", name="x.jpg", content_type="image/jpeg", size=1)
    as_json = client.get(f"{BASE}/requests.json")
    assert as_json.status_code == 200
    found = as_json.json()
    assert [r["service_request_id"] for r in found] == [reported["shown"].reference]  # not the non-public one
    request = found[0]
    assert set(request) == REQUEST_FIELDS
    assert (request["status"], request["lat"], request["long"], request["address"]) == (
        "open",
        INSIDE[0],
        INSIDE[1],
        "Kerkstraat",
    )
    assert request["agency_responsible"] == "Openbare ruimte" and request["media_url"] == ""  # photo not approved
    as_xml = client.get(f"{BASE}/requests.xml")
    assert as_xml["Content-Type"].startswith("text/xml")
    assert [set(item) for item in _xml_items(as_xml.content)] == [REQUEST_FIELDS]
    for body in (json.dumps(found, ensure_ascii=False), as_xml.content.decode()):
        for private in PRIVATE:
            assert private not in body
    single = client.get(f"{BASE}/requests/{reported['shown'].reference}.json").json()
    assert single == found
    assert client.get(f"{BASE}/requests/{reported['hidden'].reference}.json").status_code == 404
    assert client.get(f"{BASE}/requests/MOR-1999-000001.xml").status_code == 404


def test_requests_filter_as_the_standard_says(client, reported, categories):
    staff_closed = make_report(categories["container"], description="Vol")
    from tests.factories.users import UserFactory

    services.report_set_status(report=staff_closed, status="afgehandeld", by=UserFactory())

    def ids(**params):
        return [r["service_request_id"] for r in client.get(f"{BASE}/requests.json", params).json()]

    assert ids(status="closed") == [staff_closed.reference]
    assert ids(status="open") == [reported["shown"].reference]
    assert ids(service_code="container-vol") == [staff_closed.reference]
    assert ids(service_request_id=f"{reported['shown'].reference}, MOR-1999-1") == [reported["shown"].reference]
    assert ids(start_date="2000-01-01T00:00:00Z", end_date="2000-02-01T00:00:00Z") == []
    for bad in (
        {"status": "half"},
        {"start_date": "gisteren"},
        {"start_date": "2026-12-02T00:00:00Z", "end_date": "2026-12-01T00:00:00Z"},
    ):
        response = client.get(f"{BASE}/requests.json", bad)
        assert response.status_code == 400 and response.json()[0]["code"] == 400


def _post(client, fmt="json", **data):
    fields = {"service_code": "lantaarnpaal", "lat": "52.0925", "long": "5.1225", "description": "Lamp kapot"}
    return client.post(f"{BASE}/requests.{fmt}", {**fields, **data})


def test_an_app_posts_a_report_with_its_key_and_it_lands_in_the_same_flow(
    client, categories, app_key, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, api_key=app_key, email="app@example.org", first_name="Ans", last_name="App")
    assert response.status_code == 201
    answer = response.json()[0]
    report = Report.objects.get(reference=answer["service_request_id"])
    assert (report.source, report.client_app.name, report.contact_name) == ("open311", "BuitenBeter", "Ans App")
    assert report.team.name == "Openbare ruimte" and report.updates.count() == 1
    assert mail.outbox and "/meldingen/volgen/" in mail.outbox[0].body  # followed up like any anonymous report
    token = client.get(f"{BASE}/tokens/{report.reference}.json").json()
    assert token == [{"service_request_id": report.reference, "token": report.reference}]
    as_xml = _post(client, "xml", api_key=app_key)
    assert as_xml.status_code == 201 and _xml_items(as_xml.content)[0]["service_request_id"].startswith("MOR-")


@pytest.mark.parametrize("key", [None, "", "verkeerd", "x" * 5000])
def test_posting_without_a_valid_key_is_refused(client, categories, app_key, key):
    data = {} if key is None else {"api_key": key}
    response = _post(client, **data)
    assert response.status_code == 403 and response.json()[0]["code"] == 403
    assert not Report.objects.exists()


def test_a_switched_off_app_cannot_post(client, categories, app_key):
    from portal.reports.models import ClientApp

    ClientApp.objects.update(is_active=False)
    assert _post(client, api_key=app_key).status_code == 403


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"service_code": "bestaat-niet"}, "service_code"),
        ({"service_code": "verlichting"}, "service_code"),  # a group, not a service
        ({"lat": "", "long": "", "address_string": "Kerkstraat 5"}, "lat en long"),
        ({"lat": "52.37", "long": "4.89"}, "buiten de gemeente"),
        ({"lat": "5.1225", "long": "52.0925"}, "omgewisseld"),
        ({"lat": "NaN", "long": "1e308"}, "bestaan niet"),
        ({"description": ""}, "Beschrijf"),
        ({"description": "x" * 100_000}, "hoogstens 1000"),
        ({"email": "geen-adres"}, "e-mailadres"),
    ],
)
def test_bad_posts_get_the_standards_error_list_and_store_nothing(client, categories, app_key, data, message):
    for fmt in ("json", "xml"):
        response = _post(client, fmt, api_key=app_key, **data)
        assert response.status_code == 400
        errors = response.json() if fmt == "json" else _xml_items(response.content)
        assert str(errors[0]["code"]) == "400" and message in errors[0]["description"]
    assert not Report.objects.exists()


def test_the_command_registers_an_app_and_shows_its_key_once(db):
    from io import StringIO

    from django.core.management import call_command

    from portal.reports.models import ClientApp

    out = StringIO()
    call_command("open311_client", "Fixi", stdout=out)
    key = out.getvalue().rsplit(" ", 1)[1].strip()
    app = ClientApp.objects.get(name="Fixi")
    assert app.key_digest == services.client_key_digest(key) and key not in app.key_digest


def test_a_nul_character_anywhere_is_a_clear_400(client, reported, app_key):
    """PostgreSQL refuses text with NUL in it, even to compare: found by schemathesis on PostgreSQL."""
    for url, params in (
        (f"{BASE}/requests.json", {"service_request_id": "\x00"}),
        (f"{BASE}/requests.json", {"service_code": "a\x00"}),
        (f"{BASE}/requests/MOR-2026-000001%00.json", {}),
        (f"{BASE}/services/%00.json", {}),
    ):
        response = client.get(url, params)
        assert response.status_code == 400 and "NUL" in response.json()[0]["description"], url
    response = _post(client, api_key=app_key, description="Lamp\x00kapot")
    assert response.status_code == 400 and Report.objects.count() == 2


def test_the_request_list_costs_the_same_for_many_requests(client, categories, django_assert_max_num_queries):
    for _i in range(30):
        make_report(categories["lamp"])
    with django_assert_max_num_queries(2):  # the requests with category and team, and their approved photos
        assert len(client.get(f"{BASE}/requests.json").json()) == 30
