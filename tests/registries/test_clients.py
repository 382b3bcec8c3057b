import logging
from datetime import date

import pytest

from auth.services import resident_get_or_create
from forms_engine.prefill.registry import prefill, registry
from portal.registries.bag import BagClient
from portal.registries.base import InvalidQuery, RegistryUnavailable
from portal.registries.brp import BrpClient
from portal.registries.stand_in.models import Person, TravelDocument, WozObject
from portal.registries.travel_documents import TravelDocumentsClient
from portal.registries.woz import WozClient

JAN = "999900006"


def test_the_brp_client_returns_what_the_registry_holds(registries):
    person = BrpClient().person(JAN)
    jan = Person.objects.get(bsn=JAN)
    assert (person.first_names, person.prefix, person.surname) == (jan.first_names, jan.prefix, jan.surname)
    assert person.birth_date == jan.birth_date
    assert person.residence.postcode == jan.address.postcode
    assert person.residence.street == jan.address.street
    assert person.residence.since == jan.address_since
    assert [p.bsn for p in person.partners] == [jan.partner.bsn]
    assert sorted(c.first_names for c in person.children) == ["Lieke", "Tim"]


def test_an_unknown_person_is_none(registries):
    assert BrpClient().person("999999990") is None


def test_answers_are_cached_briefly(registries):
    BrpClient().person(JAN)
    BrpClient().person(JAN)
    assert registries.calls_to("/registries/brp/") == 1


@pytest.mark.parametrize(("failure", "attempts"), [("timeout", 3), ("500", 3), ("refused", 3), ("malformed", 1)])
def test_a_failing_registry_raises_unavailable_after_retrying_what_may_pass(registries, caplog, failure, attempts):
    caplog.set_level(logging.DEBUG)
    registries.failures["/registries/brp/"] = failure
    with pytest.raises(RegistryUnavailable) as error:
        BrpClient().person(JAN)
    assert error.value.registry == "brp"
    assert registries.calls_to("/registries/brp/") == attempts
    assert JAN not in caplog.text
    assert any(getattr(record, "registry", "") == "brp" for record in caplog.records)


def test_a_refused_api_key_is_not_retried(registries):
    with pytest.raises(RegistryUnavailable, match="status 401"):
        BrpClient(api_key="wrong").person(JAN)
    assert registries.calls_to("/registries/brp/") == 1


def test_bag_lookup_normalises_and_finds(registries):
    jan = Person.objects.get(bsn=JAN)
    spaced = f"{jan.address.postcode[:4]} {jan.address.postcode[4:].lower()}"
    [address] = BagClient().lookup(spaced, str(jan.address.house_number))
    assert (address.street, address.city, address.floor_area) == (jan.address.street, "Voorbeeldstad", 124)


def test_bag_lookup_of_an_unknown_address_is_empty(registries):
    assert BagClient().lookup("9999ZZ", 1) == []


@pytest.mark.parametrize(
    ("postcode", "number", "letter", "field"),
    [
        ("", "1", "", "postcode"),
        ("12345", "1", "", "postcode"),
        ("x" * 10_000, "1", "", "postcode"),
        ("1234AB", "1a", "", "huisnummer"),
        ("1234AB", "", "", "huisnummer"),
        ("1234AB", "0", "", "huisnummer"),
        ("1234AB", "1" * 10_000, "", "huisnummer"),
        ("1234AB", "1", "AB", "huisletter"),
    ],
)
def test_bag_bad_input_is_refused_before_any_call(registries, postcode, number, letter, field):
    with pytest.raises(InvalidQuery) as error:
        BagClient().lookup(postcode, number, letter)
    assert error.value.field == field
    assert registries.calls == []


def test_travel_documents_and_woz(registries):
    [passport] = TravelDocumentsClient().for_person(JAN)
    assert passport.expires_on == TravelDocument.objects.get(person__bsn=JAN).expires_on
    [home] = WozClient().owned_by(JAN)
    assert home.value == WozObject.objects.get(owner__bsn=JAN).value
    assert TravelDocumentsClient().for_person("999999990") == []


def test_prefill_returns_exactly_what_the_registries_hold_with_one_call_per_plugin(registries):
    resident = resident_get_or_create(bsn=JAN)
    jan = Person.objects.get(bsn=JAN)
    wanted = {
        "brp": [
            "voornamen",
            "geslachtsnaam",
            "geboortedatum",
            "straat",
            "huisnummer",
            "postcode",
            "woonplaats",
            "partner_naam",
            "kinderen",
        ],
        "bag": ["oppervlakte", "bouwjaar", "wijkcode"],
        "auth": ["bsn", "betrouwbaarheidsniveau"],
    }
    values, failed = prefill(resident=resident, wanted=wanted, loa="urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard")
    assert failed == []
    assert values["brp"] == {
        "voornamen": jan.first_names,
        "geslachtsnaam": jan.surname,
        "geboortedatum": jan.birth_date,
        "straat": jan.address.street,
        "huisnummer": jan.address.house_number,
        "postcode": jan.address.postcode,
        "woonplaats": jan.address.city,
        "partner_naam": jan.partner.full_name,
        "kinderen": [
            {"naam": child.full_name, "geboortedatum": child.birth_date} for child in jan.children.order_by("id")
        ],
    }
    assert values["bag"] == {"oppervlakte": 124, "bouwjaar": 1978, "wijkcode": jan.address.neighbourhood_code}
    assert values["auth"]["bsn"] == JAN
    assert values["auth"]["betrouwbaarheidsniveau"].startswith("DigiD Substantieel")
    assert registries.calls_to("/registries/brp/") == 1
    assert registries.calls_to("/registries/bag/") == 1


def test_prefill_with_a_registry_down_names_it_and_keeps_the_others(registries, caplog):
    resident = resident_get_or_create(bsn=JAN)
    registries.failures["/registries/bag/"] = "refused"
    values, failed = prefill(resident=resident, wanted={"brp": ["voornamen"], "bag": ["bouwjaar"]})
    assert failed == ["bag"]
    assert values == {"brp": {"voornamen": "Jan Willem"}}
    record = next(r for r in caplog.records if r.getMessage() == "prefill failed")
    assert (record.plugin, record.registry) == ("bag", "bag")
    assert JAN not in caplog.text


def test_every_plugin_lists_its_attributes_with_labels():
    for plugin in registry:
        attributes = plugin.get_available_attributes()
        assert attributes
        assert all(name and str(label) for name, label in attributes)
    assert {"brp", "bag", "auth"} <= {plugin.identifier for plugin in registry}


def test_a_person_without_address_gets_no_bag_values(registries):
    person = Person.objects.create(
        bsn="999900584", first_names="Zonder", surname="Adres", gender="O", birth_date=date(1990, 1, 1), birth_place="X"
    )
    values, failed = prefill(resident=resident_get_or_create(bsn=person.bsn), wanted={"bag": ["bouwjaar"]})
    assert (values, failed) == ({"bag": {}}, [])
