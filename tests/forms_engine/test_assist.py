"""Staff fill in a form for a resident at the counter or on the phone: only with the permission and a verified
second factor, the resident found in the BRP and the purpose logged, the submission the resident's but recorded as
the employee's work through that channel, never as a DigiD login."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission

from auth import roles
from auth.services import resident_get_or_create
from forms_engine.demo import field, step
from forms_engine.models import Draft, Submission
from portal.cases.models import Case
from portal.core.models import AccessLogEntry
from portal.registries.base import RegistryUnavailable
from tests.factories.cases import CaseTypeFactory
from tests.factories.forms import make_form
from tests.factories.users import UserFactory
from tests.forms_engine.helpers import FormSession
from tests.helpers import login_resident, login_staff

JAN = "999900006"
STEPS = [
    step(
        "gegevens",
        "Uw gegevens",
        [
            field("text", "naam", "Naam", prefill="brp.volledige_naam", prefill_mode="readonly"),
            field("textarea", "vraag", "Uw vraag", max_length=500),
        ],
    )
]


@pytest.fixture
def setting(registries, demo_site):
    form = make_form(slug="vraag", name="Vraag aan de gemeente", steps=STEPS, case_type=CaseTypeFactory(name="Vraag"))
    make_form(slug="bedrijf", name="Voor bedrijven", steps=STEPS, logins="eherkenning")
    return form


def _counter(client):
    user = UserFactory(is_staff=True, username="baliemedewerker")
    roles.ensure_roles()
    roles.assign_role(user, roles.ASSIST)
    login_staff(client, user)
    return user


def _start(client, definition, **fields):
    data = {"bsn": JAN, "form": str(definition.pk), "channel": "counter", "purpose": "Aanvraag aan de balie", **fields}
    return client.post("/cms/namens-inwoner/", data)


def test_the_counter_fills_in_a_form_for_a_resident_who_then_sees_it(
    client, setting, django_capture_on_commit_callbacks
):
    employee = _counter(client)
    start = _start(client, setting)
    assert start.status_code == 302 and start["Location"] == "/formulieren/vraag/?opnieuw=1"
    page = client.get(start["Location"]).content.decode()
    assert "U vult in namens <strong>Jan Willem de Vries</strong>, aan de balie" in page
    assert "Jan Willem de Vries" in page, "prefilled from the resident's BRP data"
    form = FormSession(client, "vraag")
    form.post("gegevens", {"vraag": "Wanneer wordt de stoep gemaakt?"})
    with django_capture_on_commit_callbacks(execute=True):
        done = form.post("controle", {"declaration": "on"})
    assert done.status_code == 302
    jan = resident_get_or_create(bsn=JAN)
    submission = Submission.objects.get()
    assert submission.resident == jan and submission.data["naam"] == "Jan Willem de Vries"
    assert submission.auth_context == {"source": "staff", "channel": "counter", "employee": employee.username}
    assert submission.authentication_context() is None, "never marked as a DigiD login"
    assert not Draft.objects.exists()
    assert Case.objects.get(submission_uuid=submission.uuid).channel == "counter"
    lookup = AccessLogEntry.objects.get(action="assist_resident")
    assert lookup.user == employee and lookup.context == "counter: Aanvraag aan de balie"
    assert lookup.subject_digest == jan.bsn_digest

    client.logout()
    login_resident(client, jan)
    overview = client.get("/mijn/").content.decode()
    assert "Vraag aan de gemeente" in overview
    assert "ingevuld door de gemeente namens u, via de balie" in overview


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"bsn": "123456789"}, "Dit is geen geldig burgerservicenummer."),
        ({"bsn": ""}, "Vul het burgerservicenummer in, of de code van een concept."),
        ({"code": "ABC234"}, "Vul óf een code in, óf een burgerservicenummer met een formulier."),
        ({"bsn": "", "form": "", "code": "ZZZ999"}, "Er wacht geen concept met deze code."),
        ({"bsn": "", "form": "", "code": "<script>" * 3}, "niet meer dan 12 tekens"),
        ({"bsn": "9" * 5000}, "niet meer dan 20 tekens"),
        ({"bsn": "999999990"}, "De BRP kent geen persoon met dit burgerservicenummer."),
        ({"purpose": "   "}, "Dit is een verplicht veld."),
        ({"channel": "post"}, "Selecteer een geldige keuze."),
        ({"form": "999999"}, "Selecteer een geldige keuze."),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_starts(client, setting, fields, message):
    _counter(client)
    response = _start(client, setting, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "loket_assist" not in client.session
    assert not AccessLogEntry.objects.filter(action="assist_resident").exists()


def test_a_form_for_businesses_cannot_be_filled_in_for_a_resident(client, setting):
    from forms_engine.models import FormDefinition

    _counter(client)
    business = FormDefinition.objects.get(slug="bedrijf")
    page = BeautifulSoup(client.get("/cms/namens-inwoner/").content, "html.parser")
    offered = [option["value"] for option in page.select("select[name=form] option")]
    assert str(setting.pk) in offered, "the forms for residents are offered"
    assert str(business.pk) not in offered  # (not a text search: Wagtail's markup holds value="100" of its own)
    assert _start(client, business).status_code == 400


def test_the_brp_down_is_said_and_nothing_starts(client, setting, monkeypatch):
    def down(*args, **kwargs):
        raise RegistryUnavailable("brp", "timeout")

    monkeypatch.setattr("portal.registries.brp.BrpClient.person", down)
    _counter(client)
    response = _start(client, setting)
    assert response.status_code == 503
    assert "De BRP is nu niet bereikbaar" in response.content.decode()


def test_without_the_permission_there_is_no_way_in(client, setting):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_staff(client, user)
    assert client.get("/cms/namens-inwoner/").status_code in (302, 403)
    assert _start(client, setting).status_code in (302, 403)
    assert "loket_assist" not in client.session
    assert "Invullen namens inwoner" not in client.get("/cms/").content.decode()


def test_a_resident_cannot_start_it(client, setting):
    login_resident(client, resident_get_or_create(bsn=JAN))
    assert _start(client, setting).status_code in (302, 403)
    assert "loket_assist" not in client.session


def test_losing_the_permission_ends_it_at_once(client, setting):
    employee = _counter(client)
    _start(client, setting)
    employee.groups.clear()
    response = client.get("/formulieren/vraag/")
    assert response.status_code == 302 and "/inloggen/" in response["Location"], "no longer filled in for Jan"
    assert "loket_assist" not in client.session


def test_stopping_ends_it(client, setting):
    _counter(client)
    _start(client, setting)
    assert client.post("/cms/namens-inwoner/stoppen/").status_code == 302
    assert "loket_assist" not in client.session
    assert client.get("/formulieren/vraag/").status_code == 302


def test_it_expires_after_an_hour(client, setting, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    _counter(client)
    _start(client, setting)
    later = timezone.now() + timedelta(hours=1, minutes=1)
    monkeypatch.setattr("forms_engine.assist.timezone.now", lambda: later)
    assert client.get("/formulieren/vraag/").status_code == 302
    assert "loket_assist" not in client.session


def test_the_admin_page_opens_and_says_for_whom(client, setting, django_assert_max_num_queries):
    _counter(client)
    with django_assert_max_num_queries(20):
        assert client.get("/cms/namens-inwoner/").status_code == 200
    _start(client, setting)
    page = client.get("/cms/namens-inwoner/").content.decode()
    assert "U vult nu formulieren in namens Jan Willem de Vries, aan de balie." in page


def _draft_of_jan(client, setting):
    """Jan answers the first step of the extract, leaves, and hands the draft to the counter: the code he reads."""
    jan = resident_get_or_create(bsn=JAN)
    login_resident(client, jan)
    form = FormSession(client, "uittreksel-brp")
    form.start()
    form.post("uittreksel", {"soort": "Met adreshistorie", "aantal": "2"})
    draft = Draft.objects.get(resident=jan)
    page = client.get(f"/mijn/concepten/{draft.uuid}/balie/")
    assert page.status_code == 200 and "Code maken" in page.content.decode()
    assert client.post(f"/mijn/concepten/{draft.uuid}/balie/").status_code == 302
    draft.refresh_from_db()
    shown = client.get(f"/mijn/concepten/{draft.uuid}/balie/").content.decode()
    assert f"{draft.handover_code[:3]} {draft.handover_code[3:]}" in shown
    client.logout()
    return jan, draft


def test_a_resident_hands_a_draft_to_the_counter_who_finishes_it(client, setting, django_capture_on_commit_callbacks):
    jan, draft = _draft_of_jan(client, setting)
    employee = _counter(client)
    typed = f"{draft.handover_code[:3].lower()} {draft.handover_code[3:]}"
    start = client.post(
        "/cms/namens-inwoner/", {"code": typed, "channel": "phone", "purpose": "Belde met een vraag over het formulier"}
    )
    assert start.status_code == 302 and start["Location"] == "/formulieren/uittreksel-brp/"
    page = client.get(start["Location"])
    assert "Terugbetaling" in page.content.decode(), "where Jan left off"
    form = FormSession(client, "uittreksel-brp")
    form.post("betaling", {"iban": ""})
    with django_capture_on_commit_callbacks(execute=True):
        done = form.post("controle", {"declaration": "on"})
    assert done.status_code == 302 and done["Location"].endswith("/ontvangen/"), "no online payment for staff"
    submission = Submission.objects.get()
    assert submission.resident == jan and submission.data["soort"] == "Met adreshistorie"
    assert submission.auth_context == {"source": "staff", "channel": "phone", "employee": employee.username}
    assert not Draft.objects.exists()


def test_a_code_works_once(client, setting):
    _jan, draft = _draft_of_jan(client, setting)
    _counter(client)
    fields = {"code": draft.handover_code, "channel": "counter", "purpose": "Aan de balie"}
    assert client.post("/cms/namens-inwoner/", fields).status_code == 302
    again = client.post("/cms/namens-inwoner/", fields)
    assert again.status_code == 400 and "Er wacht geen concept met deze code." in again.content.decode()


def test_an_expired_draft_s_code_does_not_work(client, setting):
    from datetime import timedelta

    from django.utils import timezone

    _jan, draft = _draft_of_jan(client, setting)
    Draft.objects.filter(pk=draft.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    _counter(client)
    response = client.post(
        "/cms/namens-inwoner/", {"code": draft.handover_code, "channel": "counter", "purpose": "Aan de balie"}
    )
    assert response.status_code == 400 and "loket_assist" not in client.session


def test_no_one_else_hands_over_jan_s_draft(client, setting):
    _jan, draft = _draft_of_jan(client, setting)
    login_resident(client, resident_get_or_create(bsn="999900018"))
    assert client.get(f"/mijn/concepten/{draft.uuid}/balie/").status_code == 404
    assert client.post(f"/mijn/concepten/{draft.uuid}/balie/").status_code == 404


def test_of_two_employees_typing_the_same_code_only_one_gets_the_draft(client, setting):
    from forms_engine import assist

    _jan, draft = _draft_of_jan(client, setting)
    _counter(client)
    taken = assist.draft_by_code(draft.handover_code)  # the other employee found it first, and takes it now
    Draft.objects.filter(pk=draft.pk).update(handover_code=None)
    session = client.session
    request = type("Request", (), {"session": session})()
    with pytest.raises(assist.UnknownCode):
        assist.take_over(request, taken)
    assert f"wizard_loket_form_{draft.form_id}" not in session
