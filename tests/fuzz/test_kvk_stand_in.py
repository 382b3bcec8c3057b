"""The KvK Handelsregister stand-in fuzzed from the KvK's published API Basisprofiel specification (schemathesis):
whatever is asked, never a server error, and every answer valid against the specification."""

import schemathesis
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

schema = schemathesis.openapi.from_path(settings.BASE_DIR / "specs" / "kvk-basisprofiel-openapi.yaml")


@schema.parametrize()
@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_kvk_stand_in_answers_every_request_as_the_specification_says(case, registry):
    response = case.call(base_url=settings.KVK_API_URL, headers={"apikey": settings.KVK_API_KEY})
    # Most numbers the fuzzer makes up are not in the register: the KvK answers those 404 ("niet leverbaar"), so
    # "valid data accepted" cannot hold for them.
    case.validate_response(response, excluded_checks=[positive_data_acceptance])
