from datetime import date
from decimal import Decimal

import factory

from portal.notices.models import NoticeCategory, NoticeRule
from portal.registries.stand_in.demo import valid_bsns
from portal.registries.stand_in.models import Address, Person, TravelDocument, WozObject

_bsns = valid_bsns(999_970_000)


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    identification = factory.Sequence(lambda n: f"0999300000{n:06d}")
    object_identification = factory.Sequence(lambda n: f"0999310000{n:06d}")
    postcode = factory.Sequence(lambda n: f"3{n // 676 % 1000:03d}{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    house_number = 1
    street = "Marktstraat"
    city = "Voorbeeldstad"
    municipality_code = "9999"
    neighbourhood_code = "WK999901"
    latitude = Decimal("52.090000")
    longitude = Decimal("5.120000")
    floor_area = 90
    build_year = 1985


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    bsn = factory.LazyFunction(lambda: next(_bsns))
    first_names = "Sam"
    surname = factory.Sequence(lambda n: f"Jansen{n}")
    gender = "V"
    birth_date = date(1980, 5, 1)
    birth_place = "Voorbeeldstad"
    address = factory.SubFactory(AddressFactory)


class TravelDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TravelDocument

    person = factory.SubFactory(PersonFactory)
    kind = "PN"
    number = factory.Sequence(lambda n: f"NT{n:07d}")
    issued_on = date(2017, 1, 1)
    expires_on = date(2027, 1, 1)


class WozObjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WozObject

    identification = factory.Sequence(lambda n: f"0999{n + 5000:08d}")
    owner = factory.SubFactory(PersonFactory)
    address = factory.LazyAttribute(lambda woz: woz.owner.address)
    value = 400_000
    reference_date = date(2025, 1, 1)
    draft_value = 424_000
    dwelling_type = "tussenwoning"


class NoticeCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeCategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Soort {n}")


class NoticeRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeRule

    name = factory.Sequence(lambda n: f"Regel {n}")
    category = factory.SubFactory(NoticeCategoryFactory)
    kind = NoticeRule.Kind.TRAVEL_DOCUMENT
    days_ahead = 90
    subject = "Uw {document} verloopt op {vervaldatum}"
    body = "Beste {naam}, uw {document} verloopt op {vervaldatum}."
    link_url = "/afspraak/?products=paspoort"
    link_text = "Maak een afspraak"
