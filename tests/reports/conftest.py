import io

import pytest
from django.contrib.auth.models import Permission
from PIL import Image

from auth import roles
from forms_engine.demo import field, step
from portal.reports.models import Category
from tests.factories.cases import TeamFactory, make_resident
from tests.factories.forms import make_form
from tests.factories.users import UserFactory
from tests.helpers import login_staff

INSIDE = (52.0925, 5.1225)


@pytest.fixture
def team(db):
    return TeamFactory(name="Openbare ruimte")


@pytest.fixture
def categories(team):
    lighting = Category.objects.create(name="Verlichting", code="verlichting", team=team)
    waste = Category.objects.create(name="Afval", code="afval", team=team)
    return {
        "lamp": Category.objects.create(
            parent=lighting,
            name="Lantaarnpaal kapot",
            code="lantaarnpaal",
            team=team,
            handling_days=5,
            example_texts="lantaarnpaal brandt niet\nstraatlantaarn kapot\nverlichting doet het niet\nlamp knippert",
        ),
        "container": Category.objects.create(
            parent=waste,
            name="Container vol",
            code="container-vol",
            team=team,
            handling_days=2,
            example_texts="container zit vol\nglasbak vol\nklep van de container klemt\nafvalbak puilt uit",
        ),
        "rats": Category.objects.create(
            parent=waste, name="Ratten", code="ratten", team=team, is_public=False, example_texts="ratten gezien"
        ),
        "lighting": lighting,
        "waste": waste,
    }


@pytest.fixture
def resident(db):
    return make_resident()


def jpeg(*, gps: tuple[float, float] | None = None, size=(40, 30)) -> bytes:
    """A small JPEG, with the position in its EXIF if given (degrees, minutes, seconds as a camera writes them)."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"
    if gps is not None:

        def dms(value):
            degrees = int(value)
            minutes = int((value - degrees) * 60)
            seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
            return (degrees, minutes, seconds)

        exif[0x8825] = {1: "N", 2: dms(gps[0]), 3: "E", 4: dms(gps[1])}
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


# What a reporter told us that must never reach the public: name, contact details, their words and house number.
PRIVATE = ("Piet", "Melder", "piet@example.org", "0612345678", "bij nummer 5", "Kerkstraat 5")


@pytest.fixture
def reported(categories):
    """A public report full of the reporter's data, and one of a category that is not public."""
    from portal.reports import services

    shown = services.report_create(
        category=categories["lamp"],
        description="Lamp bij nummer 5 kapot",
        latitude=INSIDE[0],
        longitude=INSIDE[1],
        contact_name="Piet Melder",
        contact_email="piet@example.org",
        contact_phone="0612345678",
        street="Kerkstraat",
        address="Kerkstraat 5, Voorbeeldstad",
    )
    hidden = services.report_create(
        category=categories["rats"], description="Ratten", latitude=INSIDE[0], longitude=INSIDE[1]
    )
    return {"shown": shown, "hidden": hidden}


def make_report(category, **fields):
    """A report at the demo town's centre, through the service as a resident's would go."""
    from portal.reports import services

    defaults = {"description": "De lantaarnpaal brandt niet", "latitude": INSIDE[0], "longitude": INSIDE[1]}
    return services.report_create(category=category, **{**defaults, **fields})


def staff_member(client, *, teams=(), role=None):
    """A staff member (logged in on the client) of the given teams, with the given role."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if role:
        roles.ensure_roles()
        roles.assign_role(user, role)
    for team in teams:
        team.members.add(user)
    login_staff(client, user)
    return user


LAMP_STEPS = [
    step(
        "lamp",
        "Over de lantaarnpaal",
        [
            {
                "type": "content",
                "value": {"key": "uitleg", "text": "Het nummer staat op een sticker op ooghoogte.", "style": "info"},
            },
            field("text", "paalnummer", "Nummer op de paal", required=False, max_length=12),
            field("radio", "probleem", "Wat is er aan de hand?", options=["Brandt niet", "Knippert"]),
            field("checkboxes", "wanneer", "Wanneer?", required=False, options=["Overdag", "'s Nachts"]),
            field("date", "sinds", "Sinds wanneer?", required=False, range="past"),
            field("yesno", "gevaar", "Is er gevaar?"),
        ],
    )
]


@pytest.fixture
def asked(categories):
    """The lamp post's questions, set on the main category (its subcategories inherit them)."""
    form = make_form(slug="vragen-lamp", name="Vragen lantaarnpaal", steps=LAMP_STEPS, standalone=False)
    categories["lighting"].questions = form
    categories["lighting"].save()
    return form
