"""The BAG, travel document and WOZ stand-ins fuzzed from their own OpenAPI document (schemathesis): whatever is
sent, never a server error, and every answer as the document says. The examples in it are the demo's Jan Willem
de Vries (his address, his WOZ object), so the fuzzing also reaches answers with data in them."""

import schemathesis
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

SCHEMA = settings.BASE_DIR / "portal" / "registries" / "stand_in" / "openapi.yaml"
schema = schemathesis.openapi.from_path(SCHEMA)


@schema.parametrize()
@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_registry_stand_ins_answer_every_request_as_their_schema_says(case, registry):
    response = case.call(
        base_url=f"{settings.LOKET_PUBLIC_URL}/registries", headers={"X-Api-Key": settings.LOKET_REGISTRY_API_KEY}
    )
    # A BSN of nine digits that fails the 11-check is valid for the schema's pattern and refused (400) by the
    # registry, as the real ones do: "valid data is accepted" cannot hold, every other check does.
    case.validate_response(response, excluded_checks=[positive_data_acceptance])


def test_the_examples_find_data(registry):
    """The fuzzing's examples are a real resident: without this the answers checked would all be empty."""
    import requests

    headers = {"X-Api-Key": settings.LOKET_REGISTRY_API_KEY}
    base = f"{settings.LOKET_PUBLIC_URL}/registries"
    found = requests.get(f"{base}/bag/adressen", params={"postcode": "1234AA", "huisnummer": 1}, headers=headers)
    woz = requests.post(f"{base}/woz/wozobjecten", json={"burgerservicenummer": "999900006"}, headers=headers)
    assert found.json()["adressen"][0]["openbareRuimteNaam"] == "Marktstraat"
    assert woz.json()["wozObjecten"][0]["adres"]["postcode"] == "1234AA"
