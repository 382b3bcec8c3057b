"""Payments in integration tests go through the real stand-in provider (tests/testserver.py carries the Mollie
client's requests into it), so the Mollie plugin is tested as it runs against Mollie."""

import pytest

from forms_engine.demo import field, step
from forms_engine.services import submission_create
from portal.payments.contrib.stand_in.models import StandInPayment
from tests import testserver
from tests.factories.cases import make_resident
from tests.factories.forms import make_form

FEE_RULE = {
    "when": True,
    "then": "set_value",
    "target": "leges",
    "value": {"*": [{"var": "aantal"}, 17.1]},
    "description": "€ 17,10 per exemplaar",
}


@pytest.fixture
def psp(db, monkeypatch):
    return testserver.install(monkeypatch)


@pytest.fixture
def fee_form(db):
    return make_form(
        slug="leges",
        name="Uittreksel",
        steps=[
            step(
                "stap",
                "Welk uittreksel?",
                [
                    field("number", "aantal", "Aantal", max_value="10"),
                    field("currency", "leges", "Kosten", required=False),
                ],
            )
        ],
        rules=[FEE_RULE],
        payment_amount_field="leges",
        payment_ledger_code="8300.10",
        destinations=[{"type": "email", "to": "burgerzaken@voorbeeldstad.example"}],
    )


@pytest.fixture
def resident(db):
    return make_resident()


@pytest.fixture
def owed(fee_form, resident):
    """A sent form that costs 2 times € 17,10; the page claimed € 0,01 (ignored)."""
    return submission_create(
        form=fee_form,
        revision=None,
        schema=fee_form.build_schema(),
        data={"aantal": 2, "leges": "0.01"},
        prefilled=[],
        resident=resident,
    )


def settle(payment, status: str) -> StandInPayment:
    """The tester's choice at the stand-in's checkout, without a webhook (as if it got lost)."""
    remote = StandInPayment.objects.get(pk=payment.provider_id)
    remote.status = status
    remote.save()
    return remote
