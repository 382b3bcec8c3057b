"""'Wie heeft mijn gegevens bekeken': a resident reads back which team looked at their cases and data and why, and
which registries were asked on their behalf; never a staff member's name, never another resident's entries."""

import pytest
from django.test import Client

from auth.services import resident_get_or_create
from portal.cases.services import case_create
from portal.core.models import AccessLogEntry, audit, audit_lookup
from portal.profile.views import ACCESSES_PER_PAGE
from tests import testserver
from tests.factories.cases import CaseTypeFactory, TeamFactory, make_resident
from tests.factories.users import UserFactory
from tests.forms_engine.helpers import FormSession
from tests.helpers import login_resident, login_staff

URL = "/mijn/gegevens/inzage/"
JAN = "999900006"


@pytest.fixture
def setting(db, client, monkeypatch):
    from django.contrib.auth.models import Permission

    testserver.install(monkeypatch)
    team = TeamFactory(name="Werk en inkomen")
    resident, other = make_resident(), make_resident()
    case = case_create(case_type=CaseTypeFactory(name="Bijzondere bijstand", team=team), resident=resident)
    staff = UserFactory(is_staff=True, username="pietje.puk", first_name="Pietje", last_name="Puk")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    team.members.add(staff)
    staff_client = Client()
    login_staff(staff_client, staff)
    login_resident(client, resident)
    return {"case": case, "resident": resident, "other": other, "staff": staff, "staff_client": staff_client}


def _page(client, query="") -> str:
    response = client.get(URL + query)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return response.content.decode()


def test_staff_looking_at_a_case_and_the_klantbeeld_is_read_back_by_team_with_the_reason(client, setting):
    case = setting["case"]
    assert "Er is nog niets vastgelegd" in _page(client)
    setting["staff_client"].get(f"/cms/zaken/{case.uuid}/")
    setting["staff_client"].get(f"/cms/zaken/inwoner/{setting['resident'].uuid}/?aanleiding=klantbeeld")

    html = _page(client)
    assert f"Een medewerker van team Werk en inkomen bekeek uw zaak {case.identification}." in html
    assert "Om uw zaak te behandelen." in html
    assert "Een medewerker van team Werk en inkomen bekeek uw overzicht" in html
    assert "Om u te helpen bij een vraag of aanvraag." in html
    for name in ("pietje", "Pietje", "Puk"):
        assert name not in html, "staff names are never shown"


def test_another_residents_page_shows_none_of_it(client, setting):
    setting["staff_client"].get(f"/cms/zaken/{setting['case'].uuid}/")
    login_resident(client, setting["other"])
    html = _page(client)
    assert setting["case"].identification not in html
    assert "Er is nog niets vastgelegd" in html


def test_a_reason_staff_typed_is_shown_as_text(client, setting):
    setting["staff_client"].get(f"/cms/zaken/{setting['case'].uuid}/?aanleiding=<script>alert(1)</script>")
    html = _page(client)
    assert "Opgegeven reden: &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_registry_lookups_on_the_residents_behalf_say_what_for(client, demo_site, monkeypatch):
    testserver.install(monkeypatch)
    jan = resident_get_or_create(bsn=JAN)
    login_resident(client, jan)
    FormSession(client, "verhuizing").start()
    client.get("/mijn/gegevens/")
    html = _page(client)
    assert "Loket vroeg uw gegevens op bij de Basisregistratie Personen (BRP)." in html
    assert "Om het formulier ‘Verhuizing doorgeven’ voor u in te vullen." in html
    assert "Om uw gegevens te tonen op Mijn gegevens." in html
    assert html.count("opgevraagd voor u") == 2


def test_a_lookup_in_two_registries_names_both(client, setting):
    audit_lookup(resident=setting["resident"], registries=["BRP", "BAG"], action="lookup_prefill", context="Afval")
    html = _page(client)
    assert (
        "Loket vroeg uw gegevens op bij de Basisregistratie Personen (BRP) en Basisregistratie Adressen en "
        "Gebouwen (BAG)." in html
    )
    assert "Om het formulier ‘Afval’ voor u in te vullen." in html


def test_an_editors_preview_with_a_persona_records_no_lookup(db, demo_site, monkeypatch):
    from forms_engine.models import FormDefinition
    from forms_engine.preview import preview_context

    testserver.install(monkeypatch)
    preview_context(FormDefinition.objects.get(slug="verhuizing"), "persona-0")
    assert not AccessLogEntry.objects.exists()


def test_a_long_history_comes_a_page_at_a_time_in_a_constant_number_of_queries(
    client, setting, django_assert_max_num_queries
):
    case, staff = setting["case"], setting["staff"]
    for _ in range(ACCESSES_PER_PAGE + 5):
        audit(user=staff, action="view_case", obj=case, context="behandeling", subject=setting["resident"])
    _page(client)  # the site's frame settles on its first request
    with django_assert_max_num_queries(10):  # session, user, frame (5), count, page, case numbers
        first = _page(client)
    assert first.count("bekeek uw zaak") == ACCESSES_PER_PAGE
    assert "Pagina 1 van 2" in first and "pagina=2" in first
    with django_assert_max_num_queries(10):
        assert _page(client, "?pagina=2").count("bekeek uw zaak") == 5
    for wrong in ("abc", "999", "-1", "1" * 500):
        assert _page(client, f"?pagina={wrong}").count("bekeek uw zaak") in (ACCESSES_PER_PAGE, 5)


def test_the_page_is_reached_from_mijn_gegevens_and_for_residents_only(client, setting):
    assert 'href="/mijn/gegevens/inzage/"' in client.get("/mijn/gegevens/").content.decode()
    anonymous = Client()
    response = anonymous.get(URL)
    assert response.status_code == 302 and URL not in response["Location"].split("?")[0]
    assert setting["staff_client"].get(URL).status_code in (302, 403), "a staff login is not a resident's"


def test_a_case_registered_at_the_counter_is_read_back_in_english_too(client, setting, settings):
    case_type = setting["case"].case_type
    response = setting["staff_client"].post(
        "/cms/zaken/nieuw/", {"bsn": setting["resident"].bsn, "case_type": case_type.pk, "channel": "counter"}
    )
    assert response.status_code == 302
    number = setting["resident"].cases.exclude(pk=setting["case"].pk).get().identification
    html = _page(client)
    assert f"Een medewerker van team Werk en inkomen legde zaak {number} voor u vast." in html
    assert "U nam contact met ons op (balie)." in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = _page(client)
    assert f"A member of staff of team Werk en inkomen registered case {number} for you." in html
    assert "You contacted us (counter)." in html
