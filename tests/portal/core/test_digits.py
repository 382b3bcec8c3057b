"""Digits are ASCII once read: a BSN, postcode, house number, date, IBAN, phone number or amount typed with
full-width or Arabic-Indic digits is the same value as typed in ASCII, so one person never becomes two."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from auth.services import resident_get_or_create, validate_bsn
from forms_engine.fields import build_field, to_json
from portal.core.digits import ascii_digits
from portal.registries.bag import normalise_house_number, normalise_postcode

FULL_WIDTH = str.maketrans("0123456789", "".join(chr(0xFF10 + d) for d in range(10)))
ARABIC_INDIC = str.maketrans("0123456789", "".join(chr(0x0660 + d) for d in range(10)))
PERSIAN = str.maketrans("0123456789", "".join(chr(0x06F0 + d) for d in range(10)))
SCRIPTS = [FULL_WIDTH, ARABIC_INDIC, PERSIAN]
BSN = "999993653"


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_scripts_digits_read_as_ascii_and_nothing_else_changes(script):
    assert ascii_digits("Postbus 1234 AB".translate(script)) == "Postbus 1234 AB"
    assert ascii_digits("ＮＬ91") == "NL91"  # full-width letters fold too
    assert ascii_digits("Café ½") == "Café 1⁄2"  # NFKC, as documented; no digit is lost


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_bsn_in_any_digits_is_one_identity(db, script):
    typed = BSN.translate(script)
    assert validate_bsn(typed) == BSN
    assert resident_get_or_create(bsn=typed) == resident_get_or_create(bsn=BSN)
    with pytest.raises(ValidationError):
        validate_bsn("999993654".translate(script))  # the 11-check still applies


@pytest.mark.django_db
def test_a_partners_bsn_typed_in_arabic_indic_digits_matches_their_digid(client):
    from datetime import time

    from portal.appointments.models import CeremonyType, Location, OpeningHours, Resource
    from portal.appointments.wedding.planner import Choice
    from portal.appointments.wedding.services import wedding_confirm, wedding_reserve
    from tests.factories.cases import make_resident

    location = Location.objects.create(name="Stadhuis", slug="stadhuis", street="Markt 1", postcode="1234 AB", city="X")
    for weekday in range(7):
        OpeningHours.objects.create(location=location, weekday=weekday, opens=time(9), closes=time(17))
    room = Resource.objects.create(name="Trouwkamer", kind=Resource.Kind.ROOM, location=location, capacity=20)
    ceremony = CeremonyType.objects.create(name="Eenvoudig", slug="eenvoudig", fee=Decimal(0), duration_minutes=30)
    ceremony.rooms.set([room])
    day = datetime.date.today() + datetime.timedelta(days=30)
    choice = Choice(ceremony=ceremony, day=day, at=time(10), room=room, registrar=None, guests=5)
    wedding = wedding_reserve(
        choice=choice, resident=make_resident(), partner_bsn=BSN.translate(ARABIC_INDIC), own_registrar_name="Jo"
    )
    confirmed = wedding_confirm(wedding=wedding, partner=resident_get_or_create(bsn=BSN))
    assert confirmed.state == "confirmed"


@pytest.mark.parametrize("script", SCRIPTS)
def test_postcode_and_house_number(script):
    assert normalise_postcode("1235 ac".translate(script)) == "1235AC"
    assert normalise_house_number("12".translate(script)) == 12


@pytest.mark.parametrize("script", SCRIPTS)
def test_form_fields_store_ascii(script):
    def clean(kind, value, **spec):
        field = build_field({"type": kind, "label": kind, **spec}, required=True)
        return to_json({"type": kind}, field.clean(value))

    assert clean("bsn", BSN.translate(script)) == BSN
    assert clean("iban", "NL91 ABNA 0417 1643 00".translate(script)) == "NL91ABNA0417164300"
    assert clean("date", [p.translate(script) for p in ("1", "12", "2026")]) == "2026-12-01"
    assert clean("phone", "06 12345678".translate(script)) == "+31612345678"
    assert clean("currency", "12,50".translate(script)) == "12.50"
    assert clean("number", "42".translate(script)) == 42.0
