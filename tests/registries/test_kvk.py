"""The KvK Handelsregister stand-in speaks the KvK's API Basisprofiel (every answer validated against the published
specification), and the portal's client reads it as it would read the KvK itself."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.utils import timezone
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from portal.registries.base import InvalidQuery, RegistryUnavailable
from portal.registries.kvk import KvkClient
from portal.registries.stand_in.models import Branch, Company, Person

SPEC = Path(settings.BASE_DIR) / "specs" / "kvk-basisprofiel-openapi.yaml"
BAKKER = "90000001"  # Pieter Bakker's one-person company
BOUW = "90000002"  # a B.V. with two branches
STICHTING = "90000003"  # non-commercial
ENDED = "90000004"  # ended last year, no branches left
OPERATIONS = ("", "/eigenaar", "/hoofdvestiging", "/vestigingen")


@pytest.fixture(scope="module")
def kvk_spec():
    spec = yaml.safe_load(SPEC.read_text())
    spec["servers"] = [{"url": "http://testserver/registries/kvk"}]
    return OpenAPI.from_dict(spec, config=Config(extra_media_type_deserializers={"application/hal+json": json.loads}))


def _get(client, path: str, *, key: str | None = None, **params):
    return client.get(
        f"/registries/kvk/v1/basisprofielen/{path}",
        params,
        headers={"apikey": settings.KVK_API_KEY if key is None else key},
    )


def _valid(kvk_spec, response) -> dict:
    assert response["Content-Type"] == "application/hal+json"
    kvk_spec.validate_response(DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response))
    return response.json()


def test_a_company_is_told_whole_and_valid(client, registries, kvk_spec):
    response = _get(client, BOUW)
    assert response.status_code == 200
    profile = _valid(kvk_spec, response)
    company = Company.objects.get(kvk_number=BOUW)
    assert profile["kvkNummer"] == BOUW
    assert profile["naam"] == "Voorbeeldstad Bouw B.V."
    assert profile["formeleRegistratiedatum"] == company.registered_on.strftime("%Y%m%d")
    assert profile["totaalWerkzamePersonen"] == 32
    assert [a["sbiCode"] for a in profile["sbiActiviteiten"] if a["indHoofdactiviteit"] == "Ja"] == ["4120"]
    owner = profile["_embedded"]["eigenaar"]
    assert (owner["rechtsvorm"], owner["rsin"]) == ("Besloten Vennootschap", company.rsin)
    main = profile["_embedded"]["hoofdvestiging"]
    assert (main["vestigingsnummer"], main["indHoofdvestiging"]) == ("000090000002", "Ja")
    address = Branch.objects.get(number="000090000002").address
    assert main["adressen"][0]["postcode"] == address.postcode
    assert "geoData" not in main["adressen"][0]
    assert {link["rel"] for link in profile["links"]} == {"self", "eigenaar", "hoofdvestiging", "vestigingen"}
    for link in profile["links"]:
        assert client.get(link["href"], headers={"apikey": settings.KVK_API_KEY}).status_code == 200


def test_geo_data_is_given_when_asked(client, registries, kvk_spec):
    profile = _valid(kvk_spec, _get(client, BOUW, geoData="true"))
    address = Branch.objects.get(number="000090000002").address
    geo = profile["_embedded"]["hoofdvestiging"]["adressen"][0]["geoData"]
    assert geo["nummerAanduidingId"] == address.identification
    assert geo["gpsLatitude"] == float(address.latitude)


def test_sub_resources_are_valid(client, registries, kvk_spec):
    branches = _valid(kvk_spec, _get(client, f"{BOUW}/vestigingen"))
    assert (branches["totaalAantalVestigingen"], branches["aantalCommercieleVestigingen"]) == (2, 2)
    assert [b["indHoofdvestiging"] for b in branches["vestigingen"]] == ["Ja", "Nee"]
    foundation = _valid(kvk_spec, _get(client, f"{STICHTING}/vestigingen"))
    assert foundation["aantalNietCommercieleVestigingen"] == 1
    assert _valid(kvk_spec, _get(client, f"{BOUW}/hoofdvestiging"))["vestigingsnummer"] == "000090000002"
    assert _valid(kvk_spec, _get(client, f"{STICHTING}/eigenaar"))["rechtsvorm"] == "Stichting"


def test_the_owner_of_a_one_person_company_is_never_told(client, registries, kvk_spec):
    """The register describes the company; who owns it (a BSN, a person's name) is not in any of its answers."""
    pieter = Person.objects.get(companies__kvk_number=BAKKER)
    for operation in OPERATIONS:
        response = _get(client, BAKKER + operation, geoData="true")
        _valid(kvk_spec, response)
        body = response.content.decode()
        assert pieter.bsn not in body
        assert pieter.first_names not in body
    assert "rsin" not in _get(client, f"{BAKKER}/eigenaar").json()


def test_an_ended_company_has_its_end_date_and_no_main_branch(client, registries, kvk_spec):
    profile = _valid(kvk_spec, _get(client, ENDED))
    assert profile["materieleRegistratie"]["datumEinde"] == Company.objects.get(kvk_number=ENDED).ended_on.strftime(
        "%Y%m%d"
    )
    assert "hoofdvestiging" not in profile["_embedded"]
    assert _valid(kvk_spec, _get(client, f"{ENDED}/eigenaar"))["adressen"] == []
    missing = _get(client, f"{ENDED}/hoofdvestiging")
    assert missing.status_code == 404
    assert _valid(kvk_spec, missing)["fout"][0]["code"] == "IPD0005"
    assert _valid(kvk_spec, _get(client, f"{ENDED}/vestigingen"))["totaalAantalVestigingen"] == 0


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_unknown_number_is_a_404_in_the_kvks_words(client, registries, kvk_spec, operation):
    response = _get(client, "12345678" + operation)
    assert response.status_code == 404
    assert _valid(kvk_spec, response) == {
        "fout": [{"code": "IPD0005", "omschrijving": "Het product is niet leverbaar voor dit KVK-nummer."}]
    }


@pytest.mark.parametrize(
    "number",
    ["1234567", "123456789", "1234567a", "９００００００１", "٩٠٠٠٠٠٠١", "90000001 ", "<script>", "9" * 5_000, "%00"],
)
def test_a_malformed_number_is_a_400_naming_it(client, registries, number):
    response = _get(client, number)
    assert response.status_code == 400
    assert response.json()["fout"][0]["code"] == "IPD0004"


@pytest.mark.parametrize("value", ["yes", "", "TRUE", "1"])
def test_geo_data_is_true_or_false(client, registries, value):
    response = _get(client, BOUW, geoData=value)
    assert response.status_code == 400
    assert "geoData" in response.json()["fout"][0]["omschrijving"]


@pytest.mark.parametrize("key", ["", "wrong", settings.LOKET_REGISTRY_API_KEY + "x"])
def test_without_the_api_key_nothing_is_told(client, registries, key):
    response = _get(client, BOUW, key=key)
    assert response.status_code == 401
    assert "Voorbeeldstad" not in response.content.decode()


def test_only_get(client, registries):
    response = client.post(f"/registries/kvk/v1/basisprofielen/{BOUW}", headers={"apikey": settings.KVK_API_KEY})
    assert response.status_code == 405


def test_a_profile_costs_two_queries_whatever_the_number_of_branches(client, registries, django_assert_num_queries):
    company = Company.objects.get(kvk_number=BOUW)
    main = Branch.objects.get(number="000090000003")
    for number in range(5):
        Branch.objects.create(
            company=company, number=f"0000999999{number:02d}", trade_name=f"Depot {number}", address=main.address
        )
    with django_assert_num_queries(2):
        assert _get(client, f"{BOUW}/vestigingen").json()["totaalAantalVestigingen"] == 7


# The portal's client, over HTTP to the stand-in as it would go to api.kvk.nl.


def test_the_client_reads_a_company(registries):
    company = KvkClient().company(BOUW)
    branch = Branch.objects.get(number="000090000002")
    assert (company.name, company.legal_form, company.employees) == (
        "Voorbeeldstad Bouw B.V.",
        "Besloten Vennootschap",
        32,
    )
    assert company.trade_names == ("Voorbeeldstad Bouw",)
    assert company.main_activity == "Algemene burgerlijke en utiliteitsbouw"
    assert company.main_branch_number == "000090000002"
    assert (company.address.street, company.address.postcode) == (branch.address.street, branch.address.postcode)
    assert company.is_active


def test_the_client_knows_an_ended_company(registries):
    company = KvkClient().company(ENDED)
    assert company.ended_on == Company.objects.get(kvk_number=ENDED).ended_on
    assert not company.is_active
    assert (company.address, company.main_branch_number) == (None, "")


def test_a_company_ending_later_is_still_active(registries):
    Company.objects.filter(kvk_number=BAKKER).update(ended_on=timezone.localdate() + timedelta(days=30))
    assert KvkClient().company(BAKKER).is_active


def test_an_unknown_company_is_none_and_not_an_outage(registries):
    assert KvkClient().company("12345678") is None
    assert registries.calls_to("/registries/kvk/") == 1


@pytest.mark.parametrize("number", ["", "1234567", "９００００００１", "../../brp/personen", None, 90000001])
def test_the_client_refuses_a_malformed_number_without_asking(registries, number):
    with pytest.raises(InvalidQuery):
        KvkClient().company(number)
    assert registries.calls_to("/registries/kvk/") == 0


def test_the_client_sends_the_kvks_key_header_and_a_refused_key_is_an_outage(registries):
    with pytest.raises(RegistryUnavailable, match="status 401"):
        KvkClient(api_key="wrong").company(BOUW)
    assert registries.calls_to("/registries/kvk/") == 1


@pytest.mark.parametrize("failure", ["timeout", "500", "malformed"])
def test_a_failing_register_is_unavailable(registries, failure):
    registries.failures["/registries/kvk/"] = failure
    with pytest.raises(RegistryUnavailable):
        KvkClient().company(BOUW)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20100315", date(2010, 3, 15)),
        ("20100000", None),
        ("20100230", None),
        ("2010-03-15", None),
        ("", None),
        (None, None),
    ],
)
def test_the_client_reads_the_kvks_dates_and_takes_a_partly_unknown_one_as_unknown(value, expected):
    from portal.registries.kvk import _date

    assert _date(value) == expected
