"""The stand-in payment provider fuzzed from its own schema (the part of Mollie's Payments API v2 Loket uses), and
Loket's own payment webhook, with schemathesis: never a server error, every answer as the schema says."""

import pytest
import schemathesis
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests import testserver

PSP_SCHEMA = settings.BASE_DIR / "portal" / "payments" / "contrib" / "stand_in" / "openapi.yaml"
# Data against the schema must be refused with a client error. The stand-in refuses a body over its size limit
# with 413 (as its schema says) before reading it, which schemathesis does not count as a refusal by default.
REFUSALS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]
psp = schemathesis.openapi.from_path(
    PSP_SCHEMA,
    config=SchemathesisConfig.from_dict({"checks": {"negative_data_rejection": {"expected-statuses": REFUSALS}}}),
)
webhook = schemathesis.openapi.from_dict(
    {
        "openapi": "3.0.3",
        "info": {"title": "Loket's payment webhook", "version": "1"},
        "paths": {
            "/betalen/webhook/": {
                "post": {
                    "requestBody": {
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": {"type": "object", "properties": {"id": {"type": "string"}}}
                            }
                        }
                    },
                    # 200 whether the id is known or not (nothing to learn from probing); 503 asks to come back.
                    "responses": {"200": {"description": "Noted"}, "503": {"description": "Provider unreachable"}},
                }
            }
        },
    }
)
FUZZ = hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture
def transport(db, monkeypatch):
    return testserver.install(monkeypatch)


@pytest.fixture
def paid_payment(transport):
    """Something for the ids in the schema to find now and then: a paid payment at the stand-in."""
    from portal.payments.contrib.stand_in.models import StandInPayment

    return StandInPayment.objects.create(
        id="tr_AAAAAAAAAA",
        amount_cents=1710,
        description="Uittreksel",
        redirect_url="http://testserver/",
        status="paid",
        expires_at="2030-01-01T00:00:00Z",
    )


@psp.parametrize()
@FUZZ
def test_the_stand_in_provider_answers_every_request_as_its_schema_says(case, paid_payment):
    response = case.call(
        base_url=f"{settings.MOLLIE_API_URL}/v2", headers={"Authorization": f"Bearer {settings.PSP_STAND_IN_API_KEY}"}
    )
    # As Mollie does, rules beyond the schema (at least € 0.01; only a paid payment is refunded, never more than is
    # left) answer 422 to data the schema allows: "valid data is accepted" cannot hold, every other check does.
    case.validate_response(response, excluded_checks=[positive_data_acceptance])


@webhook.parametrize()
@FUZZ
def test_the_payment_webhook_never_fails_on_what_it_is_sent(case, transport):
    case.validate_response(case.call(base_url="http://testserver"))
