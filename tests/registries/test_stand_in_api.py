"""The stand-in speaks Haal Centraal 'BRP Personen bevragen': every answer validates against the official spec."""

import json

import pytest
from django.conf import settings
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from portal.registries.stand_in.demo import load_personas
from portal.registries.stand_in.models import Person

JAN = "999900006"


@pytest.fixture
def personas(db):
    load_personas()


def _post(client, body, *, key=None, content_type="application/json"):
    return client.post(
        "/registries/brp/personen",
        data=json.dumps(body) if not isinstance(body, (str, bytes)) else body,
        content_type=content_type,
        headers={"X-Api-Key": settings.LOKET_REGISTRY_API_KEY if key is None else key},
    )


def _valid(brp_spec, response):
    brp_spec.validate_response(DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response))
    return response.json()


ALL_FIELDS = [
    "burgerservicenummer",
    "naam",
    "geboorte",
    "geslacht",
    "leeftijd",
    "nationaliteiten",
    "verblijfplaats",
    "adressering",
    "partners",
    "kinderen",
    "ouders",
    "gemeenteVanInschrijving",
    "gezag",
]


def test_a_persona_is_returned_whole_and_valid(client, personas, brp_spec):
    response = _post(
        client, {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [JAN], "fields": ALL_FIELDS}
    )
    assert response.status_code == 200
    person = _valid(brp_spec, response)["personen"][0]
    jan = Person.objects.get(bsn=JAN)
    assert person["naam"]["volledigeNaam"] == "Jan Willem de Vries"
    assert person["naam"]["voorletters"] == "J. W."
    assert person["geboorte"]["datum"]["datum"] == jan.birth_date.isoformat()
    assert person["verblijfplaats"]["verblijfadres"]["postcode"] == jan.address.postcode
    assert [p["naam"]["voornamen"] for p in person["partners"]] == ["Maria"]
    assert sorted(k["naam"]["voornamen"] for k in person["kinderen"]) == ["Lieke", "Tim"]


def test_fields_select_only_what_is_asked(client, personas, brp_spec):
    response = _post(
        client,
        {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": [JAN],
            "fields": ["naam.voornamen", "verblijfplaats.verblijfadres.postcode"],
        },
    )
    person = _valid(brp_spec, response)["personen"][0]
    assert person == {"naam": {"voornamen": "Jan Willem"}, "verblijfplaats": {"verblijfadres": {"postcode": "1234AA"}}}


def test_an_unknown_bsn_is_an_empty_list(client, personas, brp_spec):
    response = _post(
        client, {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999999990"], "fields": ["naam"]}
    )
    assert response.status_code == 200
    assert _valid(brp_spec, response) == {"type": "RaadpleegMetBurgerservicenummer", "personen": []}


@pytest.mark.parametrize(("custody", "queries"), [(False, 4), (True, 7)])
def test_several_persons_at_once_cost_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries, custody, queries
):
    """Custody (gezag) costs its three queries only when one of its fields is asked for."""
    bsns = list(Person.objects.values_list("bsn", flat=True)[:20])
    fields = ALL_FIELDS if custody else [field for field in ALL_FIELDS if field != "gezag"]
    with django_assert_max_num_queries(queries):
        response = _post(
            client, {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": bsns, "fields": fields}
        )
    assert len(response.json()["personen"]) == 20


@pytest.mark.parametrize(
    ("bsns", "code"),
    [
        (["999900007"], "elfproef"),
        (["99990000a"], "pattern"),
        (["99990000"], "pattern"),
        (["9999000060"], "pattern"),
        ([""], "pattern"),
        ([], "array"),
        ("999900006", "array"),
        ([JAN] * 21, "array"),
    ],
)
def test_a_malformed_bsn_is_a_400_naming_the_field(client, personas, brp_spec, bsns, code):
    response = _post(
        client, {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": bsns, "fields": ["naam"]}
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = _valid(brp_spec, response)
    assert problem["invalidParams"][0]["name"] == "burgerservicenummer"
    assert problem["invalidParams"][0]["code"] == code


@pytest.mark.parametrize("fields", [["bestaatniet"], ["naam.bestaatniet"], [], ["x"] * 131, "naam", [1]])
def test_unknown_or_malformed_fields_are_a_400(client, personas, brp_spec, fields):
    response = _post(
        client, {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [JAN], "fields": fields}
    )
    assert response.status_code == 400
    assert _valid(brp_spec, response)["invalidParams"][0]["name"] == "fields"


def test_other_query_types_are_refused_clearly(client, personas, brp_spec):
    response = _post(
        client, {"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "1234AA", "huisnummer": 1, "fields": ["naam"]}
    )
    assert response.status_code == 400
    assert _valid(brp_spec, response)["invalidParams"][0]["name"] == "type"


@pytest.mark.parametrize("key", ["", "wrong-key"])
def test_without_the_api_key_nothing_is_told(client, personas, brp_spec, key):
    response = _post(
        client, {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [JAN], "fields": ["naam"]}, key=key
    )
    assert response.status_code == 401
    _valid(brp_spec, response)
    assert "Vries" not in response.content.decode()


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ("x" * 70_000, "application/json", 400),
        ("type=x", "application/x-www-form-urlencoded", 415),
    ],
)
def test_bad_bodies_are_problems_not_errors(client, personas, body, content_type, status):
    response = _post(client, body, content_type=content_type)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"


def test_only_post(client, personas):
    assert client.get("/registries/brp/personen").status_code == 405


def _bag(client, **params):
    return client.get("/registries/bag/adressen", params, headers={"X-Api-Key": settings.LOKET_REGISTRY_API_KEY})


def test_bag_lookup_by_postcode_and_number_normalises_the_postcode(client, personas):
    jan = Person.objects.get(bsn=JAN)
    lower = jan.address.postcode[:4] + " " + jan.address.postcode[4:].lower()
    addresses = _bag(client, postcode=lower, huisnummer=str(jan.address.house_number)).json()["adressen"]
    assert [(a["openbareRuimteNaam"], a["woonplaatsNaam"]) for a in addresses] == [
        (jan.address.street, "Voorbeeldstad")
    ]


def test_bag_unknown_address_is_an_empty_list(client, personas):
    assert _bag(client, postcode="9999ZZ", huisnummer="1").json() == {"adressen": []}


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"postcode": "1234AA", "huisnummer": "1a"}, "huisnummer"),
        ({"postcode": "1234AA", "huisnummer": ""}, "huisnummer"),
        ({"postcode": "", "huisnummer": "1"}, "postcode"),
        ({"postcode": "0234AA", "huisnummer": "1"}, "postcode"),
        ({"postcode": "x" * 10_000, "huisnummer": "1" * 10_000}, "postcode"),
        ({"postcode": "1234AA", "huisnummer": "²"}, "huisnummer"),
        ({"postcode": "1234AA", "huisnummer": "1", "huisletter": "<s>"}, "huisletter"),
        # Refused whole, never cut short to a value that could match another address.
        ({"postcode": "1234AA", "huisnummer": "1", "huisletter": "AB"}, "huisletter"),
        ({"postcode": "1234AA", "huisnummer": "1", "huisnummertoevoeging": "2hoog"}, "huisnummertoevoeging"),
        ({"postcode": "1234AA", "huisnummer": "1", "huisnummertoevoeging": "a-1"}, "huisnummertoevoeging"),
    ],
)
def test_bag_bad_input_is_a_validation_error(client, personas, params, name):
    response = _bag(client, **params)
    assert response.status_code == 400
    assert name in [p["name"] for p in response.json()["invalidParams"]]


def test_travel_documents_and_woz_objects_by_bsn_in_the_body(client, personas):
    headers = {"X-Api-Key": settings.LOKET_REGISTRY_API_KEY}
    documents = client.post(
        "/registries/reisdocumenten", {"burgerservicenummer": JAN}, content_type="application/json", headers=headers
    ).json()
    assert [d["soort"]["code"] for d in documents["reisdocumenten"]] == ["PN"]
    woz = client.post(
        "/registries/woz/wozobjecten", {"burgerservicenummer": JAN}, content_type="application/json", headers=headers
    ).json()
    assert woz["wozObjecten"][0]["vastgesteldeWaarde"] == 412_000
    bad = client.post(
        "/registries/woz/wozobjecten", {"burgerservicenummer": "123"}, content_type="application/json", headers=headers
    )
    assert bad.status_code == 400


def test_the_generator_adds_valid_unique_residents_and_can_run_again(personas):
    from auth.services import validate_bsn
    from portal.registries.stand_in.demo import generate_residents

    before = Person.objects.count()
    assert generate_residents(1200, batch_size=500) == 1200
    assert generate_residents(300) == 300
    assert Person.objects.count() == before + 1500
    bsns = list(Person.objects.values_list("bsn", flat=True))
    assert len(set(bsns)) == len(bsns)
    for bsn in bsns[-50:]:
        validate_bsn(bsn)
    assert Person.objects.filter(address__isnull=True).count() == 0


def test_the_persona_who_moved_has_a_previous_address(personas):
    fatima = Person.objects.get(bsn="999900018")
    [previous] = fatima.previous_addresses.all()
    assert previous.lived_until < fatima.address_since
