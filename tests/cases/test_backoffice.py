from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from portal.cases.models import Case, InformationRequest
from portal.cases.services import case_create
from portal.core.models import AccessLogEntry
from portal.inbox.models import Message
from tests.factories.cases import CaseTypeFactory, TeamFactory, make_resident
from tests.factories.profile import ContactPreferencesFactory
from tests.factories.users import UserFactory
from tests.helpers import login_staff


def _staff_client(client, *, teams=()):
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for team in teams:
        team.members.add(user)
    login_staff(client, user)
    return user


@pytest.fixture
def setting(db):
    social, civil = TeamFactory(name="Werk en inkomen"), TeamFactory(name="Burgerzaken")
    assistance = CaseTypeFactory(name="Bijzondere bijstand", team=social)
    moving = CaseTypeFactory(name="Verhuizing", team=civil)
    resident = make_resident()
    ContactPreferencesFactory(resident=resident, email="inwoner@example.org")
    return {
        "social": social,
        "assistance_case": case_create(case_type=assistance, resident=resident),
        "moving_case": case_create(case_type=moving, resident=resident),
        "resident": resident,
    }


def test_staff_see_only_their_teams_cases(client, setting):
    _staff_client(client, teams=[setting["social"]])
    listing = client.get("/cms/zaken/").content.decode()
    assert setting["assistance_case"].identification in listing
    assert setting["moving_case"].identification not in listing
    assert client.get(f"/cms/zaken/{setting['moving_case'].uuid}/").status_code == 404


def test_every_look_at_a_case_is_logged(client, setting):
    user = _staff_client(client, teams=[setting["social"]])
    client.get(f"/cms/zaken/{setting['assistance_case'].uuid}/?aanleiding=telefoontje")
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.object_id, entry.context) == (
        user,
        "view_case",
        str(setting["assistance_case"].uuid),
        "telefoontje",
    )


def test_staff_move_a_case_on_and_the_resident_hears_of_it(client, setting, django_capture_on_commit_callbacks):
    _staff_client(client, teams=[setting["social"]])
    case = setting["assistance_case"]
    status = case.case_type.status_types.get(order=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cms/zaken/{case.uuid}/",
            {"action": "status", "status_type": status.pk, "public_text": "We beoordelen uw aanvraag."},
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.current_status.status_type == status
    assert Message.objects.filter(resident=setting["resident"], status_change=case.current_status).exists()
    assert len(mail.outbox) == 1


def test_closing_with_a_result(client, setting):
    _staff_client(client, teams=[setting["social"]])
    case = setting["assistance_case"]
    final = case.case_type.status_types.get(is_final=True)
    client.post(f"/cms/zaken/{case.uuid}/", {"action": "status", "status_type": final.pk, "result": "Toegekend"})
    case.refresh_from_db()
    assert (case.is_open, case.result) == (False, "Toegekend")


def test_a_status_of_another_case_type_is_refused(client, setting):
    _staff_client(client, teams=[setting["social"]])
    foreign = setting["moving_case"].case_type.status_types.first()
    response = client.post(
        f"/cms/zaken/{setting['assistance_case'].uuid}/", {"action": "status", "status_type": foreign.pk}
    )
    assert response.status_code == 400


def test_staff_ask_for_information(client, setting):
    _staff_client(client, teams=[setting["social"]])
    case = setting["assistance_case"]
    past = client.post(
        f"/cms/zaken/{case.uuid}/",
        {"action": "request", "question": "Loonstrook?", "deadline": timezone.localdate().isoformat()},
    )
    assert past.status_code == 400
    deadline = (timezone.localdate() + timedelta(days=14)).isoformat()
    client.post(
        f"/cms/zaken/{case.uuid}/", {"action": "request", "question": "Stuur uw loonstrook.", "deadline": deadline}
    )
    assert InformationRequest.objects.get(case=case).question == "Stuur uw loonstrook."


def test_filters_overdue_and_waiting(client, setting):
    _staff_client(client, teams=[setting["social"]])
    case = setting["assistance_case"]
    Case.objects.filter(pk=case.pk).update(expected_on=timezone.localdate() - timedelta(days=1))
    assert case.identification in client.get("/cms/zaken/?state=overdue").content.decode()
    assert case.identification not in client.get("/cms/zaken/?state=waiting").content.decode()
    assert case.identification in client.get(f"/cms/zaken/?q={case.identification[-6:]}").content.decode()


def test_the_list_costs_the_same_for_2_or_100_cases(client, setting, django_assert_max_num_queries):
    _staff_client(client, teams=[setting["social"]])
    client.get("/cms/zaken/")
    with django_assert_max_num_queries(30) as few:
        client.get("/cms/zaken/")
    case_type = setting["assistance_case"].case_type
    for _ in range(100):
        case_create(case_type=case_type, resident=setting["resident"])
    with django_assert_max_num_queries(30) as many:
        client.get("/cms/zaken/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_registering_a_case_for_a_resident_at_the_counter(client, setting):
    _staff_client(client, teams=[setting["social"]])
    case_type = setting["assistance_case"].case_type
    bad = client.post("/cms/zaken/nieuw/", {"bsn": "123456789", "case_type": case_type.pk, "channel": "counter"})
    assert bad.status_code == 400
    foreign_type = setting["moving_case"].case_type
    assert (
        client.post(
            "/cms/zaken/nieuw/", {"bsn": "999900006", "case_type": foreign_type.pk, "channel": "counter"}
        ).status_code
        == 400
    )
    response = client.post("/cms/zaken/nieuw/", {"bsn": "999900006", "case_type": case_type.pk, "channel": "phone"})
    assert response.status_code == 302
    case = Case.objects.get(resident__bsn_digest__isnull=False, channel="phone")
    assert case.resident.bsn == "999900006"


def test_residents_and_staff_without_teams_see_no_cases(client, setting):
    _staff_client(client)
    for url in ("/cms/zaken/", f"/cms/zaken/{setting['assistance_case'].uuid}/", "/cms/zaken/nieuw/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/cms/", "back to the dashboard"


def test_staff_add_a_document_the_resident_can_download(client, setting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from portal.cases.models import Document
    from tests.helpers import login_resident

    _staff_client(client, teams=[setting["social"]])
    case = setting["assistance_case"]
    pdf = SimpleUploadedFile("besluit.pdf", b"%PDF-1.7\n%%EOF\n")
    response = client.post(f"/cms/zaken/{case.uuid}/", {"action": "documents", "files": [pdf]})
    assert response.status_code == 302
    document = Document.objects.get(case=case)
    assert not document.from_resident
    login_resident(client, setting["resident"])
    assert client.get(f"/mijn/zaken/{case.uuid}/documenten/{document.uuid}/").status_code == 200


def test_a_question_past_its_deadline_is_flagged_for_staff(client, setting):
    _staff_client(client, teams=[setting["social"]])
    case = setting["assistance_case"]
    InformationRequest.objects.create(
        case=case, question="Loonstrook?", deadline=timezone.localdate() - timedelta(days=1)
    )
    listing = client.get("/cms/zaken/?state=question_overdue").content.decode()
    assert case.identification in listing
    assert "vraag verlopen" in listing
    assert "termijn verstreken" in client.get(f"/cms/zaken/{case.uuid}/").content.decode()


def test_internal_notes_are_for_staff_only(client, setting):
    from tests.helpers import login_resident

    _staff_client(client, teams=[setting["social"]])
    case = setting["assistance_case"]
    assert client.post(f"/cms/zaken/{case.uuid}/", {"action": "note", "text": " "}).status_code == 400
    client.post(f"/cms/zaken/{case.uuid}/", {"action": "note", "text": "Klant belde boos; terugbellen."})
    assert "Klant belde boos" in client.get(f"/cms/zaken/{case.uuid}/").content.decode()
    login_resident(client, setting["resident"])
    assert "Klant belde boos" not in client.get(case.get_absolute_url()).content.decode()


def test_the_resident_record_shows_only_the_teams_cases_and_is_logged(client, setting, monkeypatch):
    from tests import testserver

    testserver.install(monkeypatch)  # the BRP stand-in answers; this resident is not in it, which must not matter
    user = _staff_client(client, teams=[setting["social"]])
    resident = setting["resident"]
    page = client.get(f"/cms/zaken/inwoner/{resident.uuid}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert setting["assistance_case"].identification in html
    assert setting["moving_case"].identification not in html
    assert resident.bsn not in html
    assert AccessLogEntry.objects.filter(user=user, action="view_resident", object_id=str(resident.uuid)).exists()
    stranger = make_resident()
    assert client.get(f"/cms/zaken/inwoner/{stranger.uuid}/").status_code == 404


def test_contact_moments_are_worded_for_who_reads_them(client, setting):
    """Staff read "the resident asked", the resident reads "you asked" — about the same contact moment."""
    from portal.cases.services import case_question_from_resident
    from tests.helpers import login_resident

    case = setting["assistance_case"]
    case_question_from_resident(case=case, question="Is mijn aanvraag compleet?")
    _staff_client(client, teams=[setting["social"]])
    staff_page = client.get(f"/cms/zaken/{case.uuid}/").content.decode()
    assert "Vraag van inwoner ontvangen" in staff_page
    assert "Vraag van u ontvangen" not in staff_page
    login_resident(client, setting["resident"])
    resident_page = client.get(case.get_absolute_url()).content.decode()
    assert "Vraag van u ontvangen" in resident_page
    assert "inwoner" not in resident_page.lower().split("<main", 1)[1].split("</main>", 1)[0]


def test_a_business_s_case_shows_the_company_and_its_klantbeeld(client, db, registries):
    from auth.services import company_get_or_create

    space = TeamFactory(name="Openbare ruimte")
    company = company_get_or_create(kvk_number="90000002")
    case = case_create(case_type=CaseTypeFactory(name="Terrasvergunning", team=space), resident=company)
    _staff_client(client, teams=[space])
    page = client.get(f"/cms/zaken/{case.uuid}/").content.decode()
    assert "Voorbeeldstad Bouw B.V." in page and "bedrijf, KvK-nummer 90000002" in page
    record = client.get(f"/cms/zaken/inwoner/{company.uuid}/")
    assert record.status_code == 200
    text = record.content.decode()
    assert "Voorbeeldstad Bouw B.V." in text and "90000002" in text and "BSN" not in text
    assert AccessLogEntry.objects.filter(action="view_resident", object_id=str(company.uuid)).exists()


def test_a_business_s_case_opens_when_the_kvk_is_down(client, db, monkeypatch):
    from auth.services import company_get_or_create
    from portal.registries.base import RegistryUnavailable

    def down(*args, **kwargs):
        raise RegistryUnavailable("kvk", "timeout")

    monkeypatch.setattr("portal.registries.kvk.KvkClient.company", down)
    space = TeamFactory(name="Openbare ruimte")
    case = case_create(
        case_type=CaseTypeFactory(name="Terrasvergunning", team=space),
        resident=company_get_or_create(kvk_number="90000001"),
    )
    _staff_client(client, teams=[space])
    page = client.get(f"/cms/zaken/{case.uuid}/")
    assert page.status_code == 200
    assert "naam nu niet op te halen uit het Handelsregister" in page.content.decode()
