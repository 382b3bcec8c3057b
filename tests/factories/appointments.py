from datetime import time

import factory

from auth import loa
from portal.appointments.models import Location, OpeningHours, Product, Resource


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    duration_minutes = 20
    extra_person_minutes = 10
    max_persons = 4
    allow_anonymous = True
    required_loa = ""
    description = "Een pasfoto."


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Locatie {n}")
    slug = factory.Sequence(lambda n: f"locatie-{n}")
    street = "Markt 1"
    postcode = "1234 AB"
    city = "Voorbeeldstad"
    slot_minutes = 10

    @factory.post_generation
    def open_weekdays(self, create, extracted, **kwargs):
        """Open Monday to Friday from `extracted` (a pair of times; 9:00 to 17:00 unless given)."""
        if create:
            opens, closes = extracted or (time(9), time(17))
            for weekday in range(5):
                OpeningHours.objects.create(location=self, weekday=weekday, opens=opens, closes=closes)


class DeskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Balie {n}")
    kind = Resource.Kind.DESK
    location = factory.SubFactory(LocationFactory)

    @factory.post_generation
    def products(self, create, extracted, **kwargs):
        if create and extracted:
            self.products.set(extracted)


def login_product(**kwargs) -> Product:
    return ProductFactory(allow_anonymous=False, required_loa=loa.BASIS, **kwargs)
