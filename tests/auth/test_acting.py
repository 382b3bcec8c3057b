"""A parent acts for their minor child on the ground of custody (gezag) in the BRP: they choose the child, see the
child's Mijn Loket under a banner, book what may be booked for a child, and everything records that the parent did
it. Who is not in their custody, or no longer (18th birthday, custody ended), cannot be chosen; while acting, every
page that does not know about it refuses with the way back."""

import re
from datetime import time

import pytest
from django.core.cache import cache

from auth.acting import SESSION_ACTING
from auth.backends import SESSION_LOA
from auth.services import resident_get_or_create
from portal.appointments.models import Booking
from portal.core.crypto import bsn_digest
from portal.core.models import AccessLogEntry
from portal.profile.access import describe
from portal.profile.services import contact_preferences_update
from portal.registries.stand_in.demo import _years_ago
from portal.registries.stand_in.models import Custody, Person
from tests.appointments.conftest import at, clock, query  # noqa: F401 - clock: the frozen day of the bookings
from tests.factories.appointments import DeskFactory, LocationFactory, ProductFactory
from tests.helpers import login_resident

pytestmark = pytest.mark.usefixtures("clock")
JAN = "999900006"
CHOICE = re.compile(r'name="kind" value="([0-9a-f]+)">\s*<button[^>]*>Handelen namens ([^<]+)</button>')


@pytest.fixture
def jan(registries, client):
    resident = resident_get_or_create(bsn=JAN)
    contact_preferences_update(
        resident=resident, email="jan@example.nl", phone="", notify_by_email=True, notify_by_sms=False
    )
    login_resident(client, resident)
    return resident


def _bsn(first_names: str) -> str:
    return Person.objects.get(first_names=first_names).bsn


def _choices(client) -> dict[str, str]:
    page = client.get("/mijn/namens/")
    assert page.status_code == 200
    return {name: token for token, name in CHOICE.findall(page.content.decode())}


def _act_for(client, name: str):
    return client.post("/mijn/namens/", {"kind": _choices(client)[name]})


@pytest.fixture
def desk(db):
    id_card = ProductFactory(slug="id-kaart", name="ID-kaart aanvragen", for_children=True, duration_minutes=15)
    passport = ProductFactory(slug="paspoort", name="Paspoort aanvragen", duration_minutes=20)
    return DeskFactory(
        products=[id_card, passport],
        location=LocationFactory(slug="stadhuis", open_weekdays=(time(9), time(17))),
    )


def test_a_parent_sees_the_minor_children_in_their_custody_and_no_bsn(client, jan):
    page = client.get("/mijn/namens/").content.decode()
    assert sorted(_choices(client)) == ["Lieke de Vries", "Tim de Vries"]
    assert _bsn("Lieke") not in page and _bsn("Tim") not in page


def test_a_resident_without_custody_is_told_so(client, registries):
    login_resident(client, resident_get_or_create(bsn=_bsn("Fatima")))
    page = client.get("/mijn/namens/").content.decode()
    assert "heeft u geen gezag over minderjarige kinderen" in page
    assert _choices(client) == {}


def test_choosing_whom_to_act_for_needs_digid(client, registries):
    assert client.get("/mijn/namens/")["Location"].startswith("/inloggen/")


def test_acting_for_a_child_shows_the_childs_mijn_loket_under_a_banner(client, jan, desk):
    lieke_user = resident_get_or_create(bsn=_bsn("Lieke"))
    own = Booking.objects.create(
        persons=1,
        location=desk.location,
        resource=desk,
        starts_at=at("2026-11-25", 10),
        ends_at=at("2026-11-25", 10, 20),
        name="Jan Willem de Vries",
        email="jan@example.nl",
        resident=jan,
    )
    own.products.add(desk.products.get(slug="paspoort"))
    response = _act_for(client, "Lieke de Vries")
    assert (response.status_code, response["Location"]) == (302, "/mijn/")
    overview = client.get("/mijn/").content.decode()
    assert "U handelt namens <strong>Lieke de Vries</strong>" in overview
    assert "Terug naar uzelf" in overview
    assert "woensdag 25 november 2026" not in overview, "the parent's own appointment is not the child's"
    assert "Nieuwste berichten" not in overview and "Lopende zaken" not in overview, "what the mandate covers only"
    entry = AccessLogEntry.objects.get(action="act_for")
    assert (entry.user, entry.subject_digest, entry.context) == (jan, lieke_user.bsn_digest, "ouderlijk_gezag")
    assert client.session[SESSION_ACTING]["id"] == lieke_user.pk


@pytest.mark.parametrize(
    "token",
    ["", "0" * 32, "not-hex", "<script>", "x" * 10_000, "mohamed"],
)
def test_only_a_child_in_custody_can_be_chosen(client, jan, token):
    if token == "mohamed":
        # A well-formed token for someone else's child: the server knows whom it would name, and refuses.
        from auth.acting import _token

        class Request:
            session = client.session

        token = _token(Request, _bsn("Mohamed"))
    response = client.post("/mijn/namens/", {"kind": token})
    assert response.status_code == 403
    assert "Dat kan niet" in response.content.decode()
    assert SESSION_ACTING not in client.session
    assert not AccessLogEntry.objects.filter(action="act_for").exists()


def test_a_token_from_another_session_is_worthless(client, jan, django_user_model):
    token = _choices(client)["Lieke de Vries"]
    client.logout()
    login_resident(client, jan)
    assert client.post("/mijn/namens/", {"kind": token}).status_code == 403


@pytest.mark.parametrize("change", ["custody ended", "turned 18", "died"])
def test_custody_is_checked_again_when_acting_starts(client, jan, change):
    token = _choices(client)["Lieke de Vries"]
    lieke = Person.objects.get(first_names="Lieke")
    if change == "custody ended":
        Custody.objects.get(minor=lieke).holders.remove(Person.objects.get(bsn=JAN))
    elif change == "turned 18":
        Person.objects.filter(pk=lieke.pk).update(birth_date=_years_ago(lieke.birth_date.today(), 18))
    else:
        Person.objects.filter(pk=lieke.pk).update(date_of_death=lieke.birth_date.today())
    cache.clear()  # the BRP's answers are kept a minute; a minute later the register has its say
    response = client.post("/mijn/namens/", {"kind": token})
    assert response.status_code == 403
    assert SESSION_ACTING not in client.session
    assert "Lieke de Vries" not in _choices(client)


def test_acting_ends_by_itself_on_the_18th_birthday(client, jan):
    _act_for(client, "Tim de Vries")
    session = client.session
    session[SESSION_ACTING] = {**session[SESSION_ACTING], "until": "2026-11-23"}  # the frozen today
    session.save()
    overview = client.get("/mijn/").content.decode()
    assert "U handelt namens" not in overview
    assert SESSION_ACTING not in client.session


@pytest.mark.parametrize(
    "url",
    ["/mijn/zaken/", "/mijn/berichten/", "/mijn/gegevens/", "/mijn/gegevens/download/", "/mijn/voormeldingen/"],
)
def test_while_acting_the_parents_own_pages_are_refused_with_the_way_back(client, jan, url):
    assert client.get(url).status_code == 200, "open for the parent themselves"
    _act_for(client, "Lieke de Vries")
    response = client.get(url)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Dit regelt u niet namens Lieke de Vries" in page
    assert 'action="/mijn/namens/stoppen/"' in page
    assert response["Cache-Control"] == "private, no-store"


def test_stopping_returns_to_oneself(client, jan):
    _act_for(client, "Lieke de Vries")
    assert client.get("/mijn/namens/stoppen/").status_code == 405
    response = client.post("/mijn/namens/stoppen/")
    assert response["Location"] == "/mijn/"
    assert SESSION_ACTING not in client.session
    assert client.get("/mijn/zaken/").status_code == 200


def test_a_parent_books_an_id_card_appointment_for_their_child(
    client, jan, desk, mailoutbox, django_capture_on_commit_callbacks
):
    _act_for(client, "Lieke de Vries")
    products = client.get("/afspraak/").content.decode()
    assert 'value="id-kaart"' in products and 'value="paspoort"' not in products
    refused = client.get("/afspraak/locatie/?" + query(products="paspoort", persons=1))
    assert "Dit kunt u niet (meer) online afspreken" in refused.content.decode()

    url = "/afspraak/gegevens/?" + query(
        products="id-kaart", persons=1, location="stadhuis", start="2026-11-25T10:00:00+01:00"
    )
    page = client.get(url).content.decode()
    assert 'value="Lieke de Vries"' in page, "the child's name, from the BRP"
    assert 'value="jan@example.nl"' in page, "the parent's address: the parent gets the mails"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"name": "Lieke de Vries", "email": "jan@example.nl"})
    assert response.status_code == 302
    [mail] = mailoutbox
    assert mail.to == ["jan@example.nl"]
    assert mail.body.startswith("Beste ouder of verzorger van Lieke de Vries,")
    assert "U heeft een afspraak gemaakt voor Lieke de Vries. Uw kind moet er zelf bij zijn." in mail.body
    booking = Booking.objects.get()
    lieke = resident_get_or_create(bsn=_bsn("Lieke"))
    assert (booking.resident, booking.acted_by, booking.mandate) == (lieke, jan, "ouderlijk_gezag")
    assert booking.auth_context == {
        "source": "digid",
        "loa": client.session[SESSION_LOA],
        "mandate": "ouderlijk_gezag",
        "service": "",
        "authorizee": str(jan.uuid),
    }, "the parent's login, no BSN in it"
    assert booking.authentication_context() is None, "the authenticatiecontext has no place for parental authority"
    assert "woensdag 25 november 2026" in client.get("/mijn/").content.decode()
    assert client.get(f"/mijn/afspraken/{booking.uuid}/").status_code == 302

    client.post("/mijn/namens/stoppen/")
    assert client.get(f"/mijn/afspraken/{booking.uuid}/").status_code == 404, "the child's, not the parent's"
    assert "woensdag 25 november 2026" not in client.get("/mijn/").content.decode()
    login_resident(client, resident_get_or_create(bsn=_bsn("Fatima")))
    assert client.get(f"/mijn/afspraken/{booking.uuid}/").status_code == 404


def test_mijn_loket_while_acting_asks_only_for_the_childs_appointments(client, jan, django_assert_max_num_queries):
    _act_for(client, "Lieke de Vries")
    with django_assert_max_num_queries(6):
        assert client.get("/mijn/").status_code == 200


def test_the_child_reads_back_that_their_parent_acted_for_them(client, jan):
    _act_for(client, "Lieke de Vries")
    entries = AccessLogEntry.objects.filter(subject_digest=bsn_digest(_bsn("Lieke"))).order_by("at", "pk")
    described = describe(list(entries), {})
    acted = next(access for access in described if "ouder met gezag" in access.what)
    assert not acted.by_staff
    assert "ouderlijk gezag" in acted.why


def test_staff_see_on_the_day_list_that_a_parent_booked_for_the_child(client, jan, desk):
    from django.contrib.auth.models import Permission

    from tests.factories.users import EditorFactory
    from tests.helpers import login_staff

    _act_for(client, "Lieke de Vries")
    url = "/afspraak/gegevens/?" + query(
        products="id-kaart", persons=1, location="stadhuis", start="2026-11-25T10:00:00+01:00"
    )
    client.post(url, {"name": "Lieke de Vries", "email": "jan@example.nl"})
    staff = EditorFactory(is_superuser=False, is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_booking")
    )
    login_staff(client, staff)
    page = client.get(f"/cms/afspraken/?location={desk.location.pk}&day=2026-11-25").content.decode()
    assert "Lieke de Vries<br><small>afgesproken door een ouder met gezag</small>" in page


def _personal_urls():
    """Every URL of the personal namespaces, with made-up arguments (the refusal comes before any lookup)."""
    import uuid

    from django.urls import URLPattern, URLResolver, get_resolver

    from auth.acting import PERSONAL

    fake = {"uuid": str(uuid.uuid4()), "int": "1", "slug": "x", "str": "x", "path": "x"}

    def walk(resolver, prefix="", namespace=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = entry.namespace or namespace
                yield from walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern) and namespace in PERSONAL:
                route = prefix + str(entry.pattern)
                for name, converter in getattr(entry.pattern, "converters", {}).items():
                    kind = type(converter).__name__.replace("Converter", "").lower()
                    route = re.sub(rf"<(\w+:)?{name}>", fake.get(kind, "x"), route)
                yield f"{namespace}:{entry.name}", "/" + route.lstrip("^").rstrip("$")

    return sorted(set(walk(get_resolver())))


def test_while_acting_every_personal_url_not_meant_for_it_is_refused(client, jan):
    """Deny by default: a personal page added later without thinking about acting is refused, not shown for the
    wrong person."""
    from auth.acting import ALLOWED

    _act_for(client, "Lieke de Vries")
    urls = _personal_urls()
    assert len(urls) > 40, "the walk found the personal pages"
    for name, url in urls:
        status = client.get(url).status_code
        if name in ALLOWED:
            assert status != 403, url
        else:
            assert status == 403, f"{name} {url}: {status}"


def test_switching_from_one_child_to_the_other(client, jan):
    _act_for(client, "Lieke de Vries")
    response = client.post("/mijn/namens/", {"kind": _choices(client)["Tim de Vries"]}, follow=True)
    page = response.content.decode()
    assert "U handelt nu namens Tim de Vries." in page
    assert "U handelt namens <strong>Tim de Vries</strong>" in page
    assert client.session[SESSION_ACTING]["id"] == resident_get_or_create(bsn=_bsn("Tim")).pk


def test_a_parent_pays_the_childs_appointment_in_advance(client, jan, desk, django_capture_on_commit_callbacks):
    from decimal import Decimal

    from portal.payments.models import Payment

    Product = type(desk.products.first())
    Product.objects.filter(slug="id-kaart").update(fee=Decimal("73.80"), pay_online=True)
    _act_for(client, "Lieke de Vries")
    url = "/afspraak/gegevens/?" + query(
        products="id-kaart", persons=1, location="stadhuis", start="2026-11-25T10:00:00+01:00"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"name": "Lieke de Vries", "email": "jan@example.nl"})
    booking = Booking.objects.get()
    manage = client.get(f"/mijn/afspraken/{booking.uuid}/", follow=True)
    assert "Nu online betalen" in manage.content.decode()
    token_url = manage.redirect_chain[-1][0]
    checkout = client.post(token_url + "betalen/")
    assert checkout.status_code == 302 and "U handelt namens" not in checkout.content.decode()
    payment = Payment.objects.get()
    assert payment.amount_cents == 7380 and payment.resident == booking.resident
    assert payment.auth_context["authorizee"] == str(jan.uuid), "who paid for the child is recorded"
    back = client.get(f"/betalen/{payment.uuid}/terug/")
    assert back.status_code == 302, "the return from the provider is not refused while acting"


def test_while_acting_the_header_does_not_count_the_parents_messages(client, jan):
    from portal.inbox.models import Message

    Message.objects.create(resident=jan, subject="Voor Jan zelf", body="…")
    assert "ongelezen" in client.get("/mijn/").content.decode().split("<main", 1)[0]
    _act_for(client, "Lieke de Vries")
    assert "ongelezen" not in client.get("/mijn/").content.decode().split("<main", 1)[0]


def test_the_counter_books_an_appointment_for_a_resident(
    client, registries, desk, mailoutbox, django_capture_on_commit_callbacks
):
    """Staff on the phone book for a resident: the booking is the resident's, made by the employee, never as if the
    resident logged in; a product that asks for DigiD needs none (staff checked who is on the line)."""
    from auth import loa
    from tests.forms_engine.test_assist import _counter

    jan = resident_get_or_create(bsn=JAN)
    contact_preferences_update(
        resident=jan, email="jan@example.nl", phone="", notify_by_email=True, notify_by_sms=False
    )
    type(desk.products.first()).objects.filter(slug="paspoort").update(
        required_loa=loa.SUBSTANTIEEL, allow_anonymous=False
    )
    employee = _counter(client)
    refused = client.post("/cms/namens-inwoner/", {"task": "appointment", "channel": "phone", "purpose": "Paspoort"})
    assert refused.status_code == 400 and "Vul het burgerservicenummer in" in refused.content.decode()
    data = {"bsn": JAN, "task": "appointment", "channel": "phone", "purpose": "Afspraak voor een paspoort"}
    start = client.post("/cms/namens-inwoner/", data)
    assert start.status_code == 302 and start["Location"] == "/afspraak/"
    assert (
        "U vult in namens <strong>Jan Willem de Vries</strong>, aan de telefoon"
        in client.get("/afspraak/").content.decode()
    )
    url = "/afspraak/gegevens/?" + query(
        products="paspoort", persons=1, location="stadhuis", start="2026-11-25T10:00:00+01:00"
    )
    page = client.get(url).content.decode()
    assert 'value="Jan Willem de Vries"' in page and 'value="jan@example.nl"' in page, "the resident's, not staff's"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"name": "Jan Willem de Vries", "email": "jan@example.nl"})
    assert response.status_code == 302, response.content.decode()[:2000]
    booking = Booking.objects.get()
    assert (booking.resident, booking.acted_by, booking.mandate) == (jan, employee, "medewerker")
    assert booking.auth_context == {"source": "staff", "channel": "phone", "employee": employee.username}
    assert booking.authentication_context() is None, "never marked as a DigiD login"
    [mail] = mailoutbox
    assert mail.to == ["jan@example.nl"]
    assert AccessLogEntry.objects.get(action="lookup_appointment").user == employee

    client.logout()
    login_resident(client, jan)
    overview = client.get("/mijn/").content.decode()
    assert "Paspoort aanvragen" in overview and "gemaakt door de gemeente, aan de telefoon" in overview
