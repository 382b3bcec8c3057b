"""Custody (gezag) in the BRP stand-in, as 'BRP Personen bevragen' 2.x words it, and as the portal's client reads
it: the ground on which a parent may act for a child. It ends on the 18th birthday, whatever is recorded."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.registries.brp import BrpClient
from portal.registries.stand_in.demo import _years_ago
from portal.registries.stand_in.models import Custody, Person
from tests.registries.test_stand_in_api import _post, _valid

JAN = "999900006"


def _gezag(client, spec, bsn: str, fields=("gezag",)) -> list[dict]:
    response = _post(
        client, {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [bsn], "fields": list(fields)}
    )
    assert response.status_code == 200
    [person] = _valid(spec, response)["personen"]
    return person.get("gezag", [])


def _minor(surname_first: str) -> Person:
    return Person.objects.get(first_names=surname_first)


def test_parents_hold_joint_authority_over_their_minor_children(client, registries, brp_spec):
    jan, maria = Person.objects.get(bsn=JAN), Person.objects.get(first_names="Maria")
    relations = _gezag(client, brp_spec, JAN)
    assert sorted(r["minderjarige"]["naam"]["volledigeNaam"] for r in relations) == ["Lieke de Vries", "Tim de Vries"]
    for relation in relations:
        assert relation["type"] == "GezamenlijkOuderlijkGezag"
        assert {parent["burgerservicenummer"] for parent in relation["ouders"]} == {jan.bsn, maria.bsn}
        assert relation["minderjarige"]["leeftijd"] in (8, 12)


def test_a_minor_is_told_who_holds_authority_over_them(client, registries, brp_spec):
    lieke = _minor("Lieke")
    [relation] = _gezag(client, brp_spec, lieke.bsn)
    assert relation["minderjarige"]["burgerservicenummer"] == lieke.bsn
    assert len(relation["ouders"]) == 2


def test_authority_ends_on_the_18th_birthday(client, registries, brp_spec):
    mohamed = _minor("Mohamed")
    emre = Person.objects.get(first_names="Emre")
    assert [r["minderjarige"]["burgerservicenummer"] for r in _gezag(client, brp_spec, emre.bsn)] == [mohamed.bsn]
    today = timezone.localdate()
    Person.objects.filter(pk=mohamed.pk).update(birth_date=_years_ago(today, 18) + timedelta(days=1))
    assert len(_gezag(client, brp_spec, emre.bsn)) == 1, "still 17 today"
    Person.objects.filter(pk=mohamed.pk).update(birth_date=_years_ago(today, 18))
    assert _gezag(client, brp_spec, emre.bsn) == []
    assert _gezag(client, brp_spec, mohamed.bsn) == []
    assert Custody.objects.filter(minor=mohamed).exists(), "the record stays; the register stops telling it"


def test_a_deceased_minor_is_nobodys_custody(client, registries, brp_spec):
    Person.objects.filter(first_names="Tim").update(date_of_death=timezone.localdate() - timedelta(days=3))
    relations = _gezag(client, brp_spec, JAN)
    assert [r["minderjarige"]["naam"]["volledigeNaam"] for r in relations] == ["Lieke de Vries"]


@pytest.mark.parametrize(
    ("kind", "holders", "expected"),
    [
        (Custody.Kind.SOLE_PARENTAL, ["Jan Willem"], {"ouder"}),
        (Custody.Kind.JOINT, ["Jan Willem", "Fatima"], {"ouder", "derde"}),
        (Custody.Kind.GUARDIANSHIP, ["Fatima"], {"derden"}),
        (Custody.Kind.NONE_FOR_NOW, [], {"toelichting"}),
    ],
)
def test_every_form_of_authority_is_valid_against_the_specification(
    client, registries, brp_spec, kind, holders, expected
):
    tim = _minor("Tim")
    custody = Custody.objects.get(minor=tim)
    custody.kind = kind
    custody.save()
    custody.holders.set(Person.objects.filter(first_names__in=holders))
    [relation] = _gezag(client, brp_spec, tim.bsn)
    assert relation["type"] == kind
    assert set(relation) - {"type", "minderjarige"} == expected
    if kind == Custody.Kind.JOINT:
        assert relation["derde"]["type"] == "BekendeDerde"
        assert relation["derde"]["naam"]["volledigeNaam"] == "Fatima El Amrani"
    fatima = Person.objects.get(first_names="Fatima")
    held = _gezag(client, brp_spec, fatima.bsn)
    assert [r["minderjarige"]["burgerservicenummer"] for r in held] == ([tim.bsn] if "Fatima" in holders else [])


def test_fields_narrow_the_custody_too(client, registries, brp_spec):
    relations = _gezag(client, brp_spec, JAN, fields=["gezag.minderjarige.burgerservicenummer"])
    assert all(
        relation == {"minderjarige": {"burgerservicenummer": relation["minderjarige"]["burgerservicenummer"]}}
        for relation in relations
    )
    assert len(relations) == 2


def test_the_client_tells_whom_a_parent_holds_authority_over(registries):
    lieke, tim, mohamed = _minor("Lieke"), _minor("Tim"), _minor("Mohamed")
    assert BrpClient().person(JAN).custody == [], "not asked, not told"
    jan = BrpClient().person(JAN, custody=True)
    assert sorted(c.minor_bsn for c in jan.minors_in_custody) == sorted([lieke.bsn, tim.bsn])
    assert {c.kind for c in jan.minors_in_custody} == {"GezamenlijkOuderlijkGezag"}
    assert jan.minors_in_custody[0].minor_name in ("Lieke de Vries", "Tim de Vries")
    child = BrpClient().person(mohamed.bsn, custody=True)
    assert child.minors_in_custody == []
    assert [c.minor_bsn for c in child.custody] == [mohamed.bsn]
    assert BrpClient().person(Person.objects.get(first_names="Fatima").bsn, custody=True).custody == []
