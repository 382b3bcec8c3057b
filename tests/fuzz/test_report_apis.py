"""The report APIs fuzzed from their OpenAPI documents (schemathesis): Open311 GeoReport v2 and the public map's
GeoJSON. Whatever is sent, never a server error, and every answer (errors included) as the document says. Half
the Open311 posts carry a real API key, so the fuzzing reaches the report flow and not only the key check."""

import uuid

import schemathesis
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from portal.reports import services
from tests.reports.conftest import make_report

schema = schemathesis.openapi.from_path(settings.BASE_DIR / "portal" / "reports" / "open311.yaml")
map_schema = schemathesis.openapi.from_path(settings.BASE_DIR / "portal" / "reports" / "map.yaml")


@schema.parametrize()
@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_open311_answers_every_request_as_its_schema_says(case, categories, asked, monkeypatch):
    from tests import testserver

    testserver.install(monkeypatch)
    make_report(categories["lamp"])
    if case.operation.method.upper() == "POST" and isinstance(case.body, dict) and len(str(case.body)) % 2:
        _app, key = services.client_app_create(name=f"fuzz-{uuid.uuid4()}")
        case.body["api_key"] = key
    response = case.call(base_url=f"{settings.LOKET_PUBLIC_URL}/open311/v2")
    # Schema-valid data is refused where the standard's types are looser than a municipality (a point outside it,
    # an empty description): "valid data is accepted" cannot hold, every other check does.
    case.validate_response(response, excluded_checks=[positive_data_acceptance])


@map_schema.parametrize()
@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_public_map_answers_every_box_as_its_schema_says(case, categories, monkeypatch):
    from tests import testserver

    testserver.install(monkeypatch)
    make_report(categories["lamp"])
    response = case.call(base_url=f"{settings.LOKET_PUBLIC_URL}/meldingen")
    case.validate_response(response, excluded_checks=[positive_data_acceptance])
