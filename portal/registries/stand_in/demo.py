"""Fictional people of Voorbeeldstad: 25 personas with varied lives, and a generator of N residents for benchmarks.
Dates are relative to the day the demo is loaded, so "passport expires in 40 days" stays true on the day."""

import itertools
import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from portal.registries.stand_in.models import (
    Address,
    Branch,
    Company,
    Custody,
    Mandate,
    Person,
    PreviousAddress,
    TravelDocument,
    WozObject,
)

MUNICIPALITY_CODE = "9999"
CITY = "Voorbeeldstad"
# (street, postcode prefix, neighbourhood) — Wijk 3 is where the road works are.
STREETS = [
    ("Marktstraat", "1234", "WK999901"),
    ("Kerkplein", "1234", "WK999901"),
    ("Molenweg", "1235", "WK999902"),
    ("Schoolstraat", "1235", "WK999902"),
    ("Dijkweg", "1236", "WK999903"),
    ("Havenkade", "1236", "WK999903"),
]
FIRST_NAMES = {
    "M": ["Daan", "Sem", "Lucas", "Ahmed", "Thomas", "Bram", "Youssef", "Ruben", "Kees", "Henk"],
    "V": ["Emma", "Julia", "Sophie", "Noor", "Lotte", "Aisha", "Fenna", "Anna", "Ingrid", "Mei"],
}
SURNAMES = [
    ("", "Visser"),
    ("van", "Dijk"),
    ("", "Smit"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("", "Bos"),
    ("van der", "Meer"),
    ("", "Öztürk"),
    ("", "Nguyen"),
    ("", "Hendriks"),
]


def valid_bsns(start: int = 999_900_000):
    """Fictional BSNs in the 9999xxxxx range that pass the 11-check, in order."""
    for number in itertools.count(start):
        digits = f"{number:09d}"
        if sum(int(d) * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True)) % 11 == 0:
            yield digits


def _address(index: int, *, floor_area: int = 90, build_year: int = 1985) -> Address:
    street, prefix, neighbourhood = STREETS[index % len(STREETS)]
    number = 1 + index // len(STREETS)
    letters = "ABCDEFGHJKLMNPRSTVWXZ"
    postcode = f"{prefix}{letters[(index // 3) % len(letters)]}{letters[index % len(letters)]}"
    address, _created = Address.objects.get_or_create(
        postcode=postcode,
        house_number=number,
        house_letter="",
        house_number_addition="",
        defaults={
            "identification": f"0999200000{index:06d}",
            "object_identification": f"0999010000{index:06d}",
            "street": street,
            "city": CITY,
            "municipality_code": MUNICIPALITY_CODE,
            "neighbourhood_code": neighbourhood,
            "latitude": Decimal("52.090000") + Decimal(index % 50) / 10_000,
            "longitude": Decimal("5.120000") + Decimal(index // 50) / 10_000,
            "floor_area": floor_area,
            "build_year": build_year,
        },
    )
    return address


def _person(bsn: str, **fields) -> Person:
    person, _created = Person.objects.get_or_create(bsn=bsn, defaults=fields)
    return person


def _years_ago(today: date, years: int, days: int = 0) -> date:
    try:
        return today.replace(year=today.year - years) - timedelta(days=days)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28) - timedelta(days=days)


@transaction.atomic
def load_personas() -> dict[str, int]:
    today = timezone.localdate()
    bsns = valid_bsns()
    home = _address(0, floor_area=124, build_year=1978)

    jan = _person(
        next(bsns),
        first_names="Jan Willem",
        prefix="de",
        surname="Vries",
        gender="M",
        birth_date=_years_ago(today, 44, 30),
        birth_place="Utrecht",
        address=home,
        address_since=_years_ago(today, 9),
        persona="getrouwd, twee kinderen, paspoort verloopt over 40 dagen",
    )
    fatima = _person(
        next(bsns),
        first_names="Fatima",
        surname="El Amrani",
        gender="V",
        birth_date=_years_ago(today, 31, 100),
        birth_place="Rotterdam",
        address=_address(7),
        address_since=today - timedelta(days=21),
        persona="alleenstaand, drie weken geleden verhuisd",
    )
    pieter = _person(
        next(bsns),
        first_names="Pieter",
        surname="Bakker",
        gender="M",
        birth_date=_years_ago(today, 58, 3),
        birth_place="Voorbeeldstad",
        address=_address(4, floor_area=148, build_year=1931),
        address_since=_years_ago(today, 20),
        persona="huiseigenaar aan de Dijkweg, waar de weg opengaat",
    )
    sanne = _person(
        next(bsns),
        first_names="Sanne",
        surname="Jansen",
        gender="V",
        birth_date=_years_ago(today, 29, 200),
        birth_place="Amersfoort",
        address=_address(2),
        address_since=_years_ago(today, 2),
        persona="samenwonend, gaat trouwen",
    )
    mohamed = _person(
        next(bsns),
        first_names="Mohamed",
        surname="Yilmaz",
        gender="M",
        birth_date=_years_ago(today, 18) + timedelta(days=20),
        birth_place="Voorbeeldstad",
        address=_address(3),
        address_since=_years_ago(today, 17),
        persona="wordt over 20 dagen 18",
    )

    maria = _person(
        next(bsns),
        first_names="Maria",
        surname="Bakker",
        gender="V",
        birth_date=_years_ago(today, 42, 80),
        birth_place="Zwolle",
        address=home,
        address_since=_years_ago(today, 9),
    )
    children = [
        _person(
            next(bsns),
            first_names=name,
            prefix="de",
            surname="Vries",
            gender=gender,
            birth_date=_years_ago(today, age, 40),
            birth_place="Voorbeeldstad",
            address=home,
            address_since=_years_ago(today, min(age, 9)),
        )
        for name, gender, age in (("Lieke", "V", 12), ("Tim", "M", 8))
    ]
    for child in children:
        child.parents.add(jan, maria)
    if jan.partner_id is None:
        wedding = _years_ago(today, 15, 60)
        for one, other in ((jan, maria), (maria, jan)):
            one.partner, one.partnership_kind, one.partnership_date = other, "H", wedding
            one.save(update_fields=["partner", "partnership_kind", "partnership_date"])
    daan = _person(
        next(bsns),
        first_names="Daan",
        surname="Visser",
        gender="M",
        birth_date=_years_ago(today, 30, 10),
        birth_place="Utrecht",
        address=sanne.address,
        address_since=_years_ago(today, 2),
    )
    yilmaz_parents = [
        _person(
            next(bsns),
            first_names=name,
            surname="Yilmaz",
            gender=gender,
            birth_date=_years_ago(today, age),
            birth_place="Ankara",
            birth_country="Turkije",
            address=mohamed.address,
            address_since=_years_ago(today, 17),
        )
        for name, gender, age in (("Emre", "M", 49), ("Elif", "V", 47))
    ]
    mohamed.parents.add(*yilmaz_parents)
    # Both parents hold authority over their minor children (Mohamed's ends on his birthday, in 20 days).
    for minor, parents in ((children[0], (jan, maria)), (children[1], (jan, maria)), (mohamed, yilmaz_parents)):
        custody, _created = Custody.objects.get_or_create(minor=minor, defaults={"kind": Custody.Kind.JOINT_PARENTAL})
        custody.holders.add(*parents)

    people = [jan, fatima, pieter, sanne, mohamed, maria, *children, daan, *yilmaz_parents]
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    while len(people) < 25:
        gender = rng.choice("MV")
        prefix, surname = rng.choice(SURNAMES)
        index = len(people) + 10
        people.append(
            _person(
                next(bsns),
                first_names=rng.choice(FIRST_NAMES[gender]),
                prefix=prefix,
                surname=surname,
                gender=gender,
                birth_date=_years_ago(today, rng.randint(19, 88), rng.randint(0, 364)),
                birth_place="Voorbeeldstad",
                address=_address(index),
                address_since=_years_ago(today, rng.randint(1, 30)),
            )
        )

    # Fatima moved three weeks ago, within Voorbeeldstad; Pieter has lived in two places.
    for person, index, years in ((fatima, 5, 4), (pieter, 1, 22)):
        PreviousAddress.objects.get_or_create(
            person=person,
            address=_address(index),
            defaults={"lived_from": _years_ago(today, years), "lived_until": person.address_since - timedelta(days=1)},
        )

    documents = [
        (jan, "PN", today + timedelta(days=40)),
        (fatima, "NI", today + timedelta(days=900)),
        (pieter, "PN", today + timedelta(days=200)),
        (sanne, "PN", today + timedelta(days=1500)),
        (mohamed, "NI", today + timedelta(days=70)),
    ]
    for number, (person, kind, expires) in enumerate(documents, start=1):
        TravelDocument.objects.get_or_create(
            number=f"NX{number:07d}",
            defaults={
                "person": person,
                "kind": kind,
                "expires_on": expires,
                "issued_on": expires - timedelta(days=3652),
            },
        )
    for number, (owner, value) in enumerate(((jan, 412_000), (pieter, 538_000)), start=1):
        WozObject.objects.get_or_create(
            address=owner.address,
            defaults={
                "identification": f"0999{number:08d}",
                "owner": owner,
                "value": value,
                "reference_date": date(today.year - 1, 1, 1),
                "draft_value": round(value * 1.06, -3),
                "dwelling_type": "tussenwoning" if owner is jan else "vrijstaande woning",
            },
        )
    load_companies(today, owner=pieter)
    load_mandates(today, bsns, authorizee=fatima)
    return {"persons": Person.objects.count(), "addresses": Address.objects.count()}


def load_companies(today: date, *, owner: Person) -> None:
    """Voorbeeldstad's businesses in the Handelsregister: Pieter Bakker's one-person company, a private company with
    two branches, a foundation (non-commercial) and a partnership that ended last year (no branches left)."""
    rsin = next(valid_bsns(820_000_000))
    companies = [
        (
            {
                "kvk_number": "90000001",
                "name": "Fietsenmaker Bakker",
                "trade_names": ["Fietsenmaker Bakker", "Bakker Tweewielers"],
                "legal_form": "Eenmanszaak",
                "registered_on": _years_ago(today, 12, 40),
                "started_on": _years_ago(today, 12, 45),
                "sbi_activities": [
                    {"code": "9529", "description": "Reparatie van overige consumentenartikelen", "main": True},
                    {"code": "4764", "description": "Winkels in sport- en kampeerartikelen en fietsen"},
                ],
                "owner": owner,
            },
            [("000090000001", "Fietsenmaker Bakker", True, True, 60, 1, 1)],
        ),
        (
            {
                "kvk_number": "90000002",
                "name": "Voorbeeldstad Bouw B.V.",
                "statutory_name": "Voorbeeldstad Bouw B.V.",
                "trade_names": ["Voorbeeldstad Bouw"],
                "legal_form": "Besloten Vennootschap",
                "rsin": rsin,
                "registered_on": _years_ago(today, 31),
                "started_on": _years_ago(today, 31),
                "sbi_activities": [
                    {"code": "4120", "description": "Algemene burgerlijke en utiliteitsbouw", "main": True},
                    {"code": "4391", "description": "Dakdekken en bouwen van dakconstructies"},
                ],
            },
            [
                ("000090000002", "Voorbeeldstad Bouw", True, True, 61, 23, 5),
                ("000090000003", "Voorbeeldstad Bouw werkplaats", False, True, 62, 4, 0),
            ],
        ),
        (
            {
                "kvk_number": "90000003",
                "name": "Stichting Buurthuis De Molen",
                "statutory_name": "Stichting Buurthuis De Molen",
                "legal_form": "Stichting",
                "registered_on": _years_ago(today, 8),
                "started_on": _years_ago(today, 8),
                "sbi_activities": [{"code": "9499", "description": "Overige ideële organisaties", "main": True}],
            },
            [("000090000004", "Buurthuis De Molen", True, False, 63, 0, 3)],
        ),
        (
            {
                "kvk_number": "90000004",
                "name": "Café De Kerk V.O.F.",
                "trade_names": ["Café De Kerk"],
                "legal_form": "Vennootschap onder firma",
                "registered_on": _years_ago(today, 15),
                "started_on": _years_ago(today, 15),
                "ended_on": _years_ago(today, 1),
                "sbi_activities": [{"code": "5630", "description": "Cafés", "main": True}],
            },
            [],
        ),
    ]
    for fields, branches in companies:
        company, _created = Company.objects.get_or_create(kvk_number=fields.pop("kvk_number"), defaults=fields)
        for number, trade_name, main, commercial, address, full_time, part_time in branches:
            Branch.objects.get_or_create(
                number=number,
                defaults={
                    "company": company,
                    "trade_name": trade_name,
                    "is_main": main,
                    "is_commercial": commercial,
                    "address": _address(address, floor_area=220, build_year=1996),
                    "full_time_employees": full_time,
                    "part_time_employees": part_time,
                    "websites": [f"https://www.{trade_name.lower().replace(' ', '')}.example"],
                },
            )


def load_mandates(today: date, bsns, *, authorizee: Person) -> None:
    """The mandate register's demo entries, for the demo's "bijzondere bijstand" service: Mien Smit (84) authorised
    her neighbour Fatima El Amrani with DigiD Machtigen, and Kees Mulder is under bewindvoering with Bewindvoering
    Voorbeeldstad. An expired and a revoked mandate show what is no longer offered."""
    from forms_engine.demo import ASSISTANCE_SERVICE

    mien = _person(
        next(bsns),
        first_names="Wilhelmina",
        surname="Smit",
        gender="V",
        birth_date=_years_ago(today, 84, 150),
        birth_place="Voorbeeldstad",
        address=_address(8, floor_area=70, build_year=1965),
        address_since=_years_ago(today, 40),
        persona="84, heeft haar buurvrouw gemachtigd (DigiD Machtigen, bijzondere bijstand)",
    )
    kees = _person(
        next(bsns),
        first_names="Kees",
        surname="Mulder",
        gender="M",
        birth_date=_years_ago(today, 61, 20),
        birth_place="Voorbeeldstad",
        address=_address(9, floor_area=62, build_year=1972),
        address_since=_years_ago(today, 6),
        persona="onder bewind bij Bewindvoering Voorbeeldstad B.V. (eHerkenning bewindvoering)",
    )
    office, _created = Company.objects.get_or_create(
        kvk_number="90000005",
        defaults={
            "name": "Bewindvoering Voorbeeldstad B.V.",
            "statutory_name": "Bewindvoering Voorbeeldstad B.V.",
            "trade_names": ["Bewindvoering Voorbeeldstad"],
            "legal_form": "Besloten Vennootschap",
            "registered_on": _years_ago(today, 11),
            "started_on": _years_ago(today, 11),
            "sbi_activities": [{"code": "6920", "description": "Administratiekantoren", "main": True}],
        },
    )
    Branch.objects.get_or_create(
        number="000090000005",
        defaults={
            "company": office,
            "trade_name": "Bewindvoering Voorbeeldstad",
            "is_main": True,
            "address": _address(64, floor_area=180, build_year=2004),
            "full_time_employees": 6,
        },
    )
    services = [ASSISTANCE_SERVICE]
    entries = [
        (Mandate.Kind.DIGID_MACHTIGEN, mien, {"authorizee_person": authorizee}, None, None),
        (Mandate.Kind.BEWINDVOERING, kees, {"authorizee_company": office}, None, None),
        # No longer valid: Fatima's mandate from Kees ended last month; Mien's from Kees was revoked.
        (Mandate.Kind.DIGID_MACHTIGEN, kees, {"authorizee_person": authorizee}, today - timedelta(days=30), None),
        (Mandate.Kind.DIGID_MACHTIGEN, kees, {"authorizee_person": mien}, None, today - timedelta(days=3)),
    ]
    for kind, representee, authorizee_field, until, revoked in entries:
        Mandate.objects.get_or_create(
            kind=kind,
            representee=representee,
            **authorizee_field,
            defaults={
                "services": services,
                "valid_from": _years_ago(today, 1),
                "valid_until": until,
                "revoked_on": revoked,
            },
        )


def generate_residents(count: int, *, batch_size: int = 5_000, seed: int = 1, first_bsn: int | None = None) -> int:
    """Adds `count` adult residents with their own addresses, in bulk, for benchmarks (e.g. 200 000 for notices).

    BSNs continue after the highest one in use, so it can run again to grow the population. The personas' 9999xxxxx
    range holds only about 9 000 valid numbers: for more, start lower (`first_bsn`), in a throwaway database."""
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
    today = timezone.localdate()
    highest = Person.objects.order_by("-bsn").values_list("bsn", flat=True).first() or "999900000"
    bsns = valid_bsns(first_bsn if first_bsn is not None else int(highest) + 1)
    first_address = Address.objects.count()
    created = 0
    while created < count:
        size = min(batch_size, count - created)
        with transaction.atomic():
            addresses = []
            for offset in range(size):
                index = first_address + created + offset
                street, _prefix, neighbourhood = STREETS[index % len(STREETS)]
                addresses.append(
                    Address(
                        identification=f"0999{index:012d}",
                        object_identification=f"0998{index:012d}",
                        # Unique per index and apart from the personas' 1234-1236 range: 2000AA 1 onwards.
                        postcode=f"{2000 + index // 67_600}{chr(65 + index // 26 % 26)}{chr(65 + index % 26)}",
                        house_number=1 + index // 676 % 100,
                        street=street,
                        city=CITY,
                        municipality_code=MUNICIPALITY_CODE,
                        neighbourhood_code=neighbourhood,
                        latitude=Decimal("52.05") + Decimal(rng.randint(0, 9999)) / 100_000,
                        longitude=Decimal("5.08") + Decimal(rng.randint(0, 9999)) / 100_000,
                        floor_area=rng.randint(35, 220),
                        build_year=rng.randint(1900, 2024),
                    )
                )
            addresses = Address.objects.bulk_create(addresses)
            people = []
            for address in addresses:
                gender = rng.choice("MV")
                prefix, surname = rng.choice(SURNAMES)
                people.append(
                    Person(
                        bsn=next(bsns),
                        first_names=rng.choice(FIRST_NAMES[gender]),
                        prefix=prefix,
                        surname=surname,
                        gender=gender,
                        birth_date=_years_ago(today, rng.randint(18, 90), rng.randint(0, 364)),
                        birth_place=CITY,
                        address=address,
                        address_since=_years_ago(today, rng.randint(0, 30)),
                    )
                )
            Person.objects.bulk_create(people)
        created += size
    return created
