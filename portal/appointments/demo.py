"""Demo appointments: products, the city hall and a district office with desks, wedding rooms, an external venue,
civil registrars with their own days, and the ceremony types. Idempotent: what exists is left alone."""

from datetime import time
from decimal import Decimal

from django.db import transaction

from auth import loa
from portal.appointments.models import (
    CeremonyMoment,
    CeremonyType,
    CeremonyTypeTranslation,
    Location,
    LocationTranslation,
    OpeningHours,
    Product,
    ProductTranslation,
    Resource,
    ResourceHours,
    ResourceTranslation,
)
from portal.cases.models import CaseType

PRODUCTS = [
    # slug, name, minutes, extra per person, max persons, anonymous, what to bring, fee per person, pay online
    (
        "paspoort",
        "Paspoort aanvragen",
        15,
        10,
        5,
        True,
        "Een recente pasfoto en uw oude paspoort of ID-kaart.",
        Decimal("84.70"),
        True,
    ),
    (
        "id-kaart",
        "ID-kaart aanvragen",
        15,
        10,
        5,
        True,
        "Een recente pasfoto en uw oude ID-kaart of paspoort.",
        Decimal("77.85"),
        True,
    ),
    ("rijbewijs", "Rijbewijs ophalen", 10, 0, 1, True, "Uw oude rijbewijs.", Decimal("0"), False),
    (
        "uittreksel-brp",
        "Uittreksel BRP aan de balie",
        10,
        5,
        3,
        False,
        "Een geldig identiteitsbewijs.",
        Decimal("17.10"),
        False,
    ),
]
# The products' and locations' names and what to bring, in English (a venue's own name stays as it is).
ENGLISH_PRODUCTS = {
    "paspoort": ("Apply for a passport", "A recent passport photo and your old passport or ID card."),
    "id-kaart": ("Apply for an ID card", "A recent passport photo and your old ID card or passport."),
    "rijbewijs": ("Collect your driving licence", "Your old driving licence."),
    "uittreksel-brp": ("Personal records extract (BRP) at the desk", "A valid proof of identity."),
}
ENGLISH_CEREMONIES = {"gratis": "Free ceremony", "eenvoudig": "Simple ceremony", "uitgebreid": "Extended ceremony"}
ENGLISH_LOCATIONS = {"stadhuis": "City Hall", "stadswinkel-noord": "North district office"}
ENGLISH_ROOMS = {
    "Trouwkamer": "Wedding chamber",
    "Raadzaal": "Council chamber",
}  # the venue's Ridderzaal keeps its name
WEEKDAYS_9_TO_5 = [(day, time(9), time(12, 30)) for day in range(5)] + [
    (day, time(13, 30), time(17)) for day in range(5)
]
LOCATIONS = [
    # slug, name, street, postcode, extra evening (thursday)
    ("stadhuis", "Stadhuis", "Markt 1", "1234 AB", True),
    ("stadswinkel-noord", "Stadswinkel Noord", "Noorderplein 12", "1235 CD", False),
]
VENUE = ("kasteel-de-hoven", "Kasteel De Hoven", "Kasteellaan 3", "1240 XY")
CEREMONIES = [
    # slug, name, fee, minutes, own registrar allowed, fixed moments (weekday, time), rooms
    ("gratis", "Gratis ceremonie", Decimal("0.00"), 15, False, [(0, time(9)), (0, time(9, 30))], ["Trouwkamer"]),
    ("eenvoudig", "Eenvoudige ceremonie", Decimal("145.00"), 30, True, [], ["Trouwkamer", "Raadzaal"]),
    ("uitgebreid", "Uitgebreide ceremonie", Decimal("395.00"), 60, True, [], ["Raadzaal", "Ridderzaal"]),
]
REGISTRARS = [
    ("Anna de Boer", [(4, time(10), time(17)), (5, time(10), time(16))]),
    ("Mohamed El Idrissi", [(0, time(9), time(13)), (3, time(13), time(20)), (5, time(11), time(17))]),
    ("Petra Visser", [(1, time(9), time(17)), (2, time(9), time(17)), (4, time(9), time(17))]),
]


@transaction.atomic
def load_demo_appointments() -> dict:
    products = {}
    for slug, name, minutes, extra, most, anonymous, bring, fee, pay_online in PRODUCTS:
        products[slug], _created = Product.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "duration_minutes": minutes,
                "extra_person_minutes": extra,
                "max_persons": most,
                "allow_anonymous": anonymous,
                "required_loa": "" if anonymous else loa.BASIS,
                "description": bring,
                "fee": fee,
                "pay_online": pay_online,
                "ledger_code": "8300.30 leges reisdocumenten" if pay_online else "",
                # Parents book an ID card for their child; a passport for a minor needs both parents' consent.
                "for_children": slug == "id-kaart",
            },
        )
    for slug, (name, bring) in ENGLISH_PRODUCTS.items():
        ProductTranslation.objects.get_or_create(
            product=products[slug], language="en", defaults={"name": name, "description": bring}
        )
    for slug, name, street, postcode, evening in LOCATIONS:
        location, created = Location.objects.get_or_create(
            slug=slug, defaults={"name": name, "street": street, "postcode": postcode, "city": "Voorbeeldstad"}
        )
        english = {"name": ENGLISH_LOCATIONS[slug]}
        LocationTranslation.objects.get_or_create(location=location, language="en", defaults=english)
        if not created:
            continue
        for weekday, opens, closes in WEEKDAYS_9_TO_5:
            OpeningHours.objects.create(location=location, weekday=weekday, opens=opens, closes=closes)
        if evening:
            OpeningHours.objects.create(location=location, weekday=3, opens=time(17), closes=time(20))
            OpeningHours.objects.create(
                location=location, weekday=5, opens=time(10), closes=time(16)
            )  # weddings on Saturday
        for number in (1, 2, 3) if evening else (1,):
            desk = Resource.objects.create(name=f"Balie {number}", kind=Resource.Kind.DESK, location=location)
            desk.products.set(products.values() if number != 3 else [products["paspoort"], products["id-kaart"]])
        if evening:
            Resource.objects.create(name="Trouwkamer", kind=Resource.Kind.ROOM, location=location, capacity=12)
            Resource.objects.create(name="Raadzaal", kind=Resource.Kind.ROOM, location=location, capacity=80)
    slug, name, street, postcode = VENUE
    venue, created = Location.objects.get_or_create(
        slug=slug,
        defaults={"name": name, "street": street, "postcode": postcode, "city": "Voorbeeldstad", "slot_minutes": 30},
    )
    if created:
        for weekday in range(7):
            OpeningHours.objects.create(location=venue, weekday=weekday, opens=time(10), closes=time(22))
        Resource.objects.create(name="Ridderzaal", kind=Resource.Kind.ROOM, location=venue, capacity=150)
    for name, hours in REGISTRARS:
        registrar, created = Resource.objects.get_or_create(name=name, kind=Resource.Kind.OFFICIAL)
        if created:
            for weekday, opens, closes in hours:
                ResourceHours.objects.create(resource=registrar, weekday=weekday, opens=opens, closes=closes)
    for room in Resource.objects.filter(kind=Resource.Kind.ROOM, name__in=ENGLISH_ROOMS):
        english = {"name": ENGLISH_ROOMS[room.name]}
        ResourceTranslation.objects.get_or_create(resource=room, language="en", defaults=english)
    case_type = CaseType.objects.filter(name="Melding voorgenomen huwelijk").first()
    for order, (slug, name, fee, minutes, own, moments, rooms) in enumerate(CEREMONIES):
        ceremony, created = CeremonyType.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "fee": fee,
                "ledger_code": "8300.20 leges huwelijk",
                "duration_minutes": minutes,
                "allows_own_registrar": own,
                "order": order,
                "case_type": case_type,
            },
        )
        english = {"name": ENGLISH_CEREMONIES[slug]}
        CeremonyTypeTranslation.objects.get_or_create(ceremony_type=ceremony, language="en", defaults=english)
        if created:
            ceremony.rooms.set(Resource.objects.filter(kind=Resource.Kind.ROOM, name__in=rooms))
            for weekday, at in moments:
                CeremonyMoment.objects.create(ceremony_type=ceremony, weekday=weekday, time=at)
    return {
        "products": Product.objects.count(),
        "locations": Location.objects.count(),
        "resources": Resource.objects.count(),
    }
