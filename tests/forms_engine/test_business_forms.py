"""A business fills in a form for businesses with eHerkenning: the KvK prefills what it knows, the submission
and its case belong to the company, and what it records of the login is a valid authenticatiecontext. Residents
and businesses each get only the forms meant for them."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator

from auth import loa
from auth.services import company_get_or_create, resident_get_or_create
from forms_engine.models import Submission
from forms_engine.prefill.contrib.kvk import KvkPrefill
from portal.cases.models import Case
from portal.registries.base import RegistryUnavailable
from tests import testserver
from tests.forms_engine.helpers import FormSession
from tests.helpers import login_business, login_resident

KVK = "90000001"


@pytest.fixture(scope="module")
def context_schema():
    schema = json.loads((Path(settings.BASE_DIR) / "specs" / "authentication-context-schema.json").read_text())
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture
def site(demo_site, monkeypatch):
    return testserver.install(monkeypatch)


@pytest.fixture
def bakker(client, site):
    company = company_get_or_create(kvk_number=KVK)
    login_business(client, company)
    return company


def _terrace(form, django_capture_on_commit_callbacks):
    first = form.start()
    assert first.status_code == 200, first.content.decode()[:2000]
    html = first.content.decode()
    address = re.search(
        r'name="bedrijf-adres_zaak_0"[^>]*value="([^"]+)".*?name="bedrijf-adres_zaak_1"[^>]*value="(\d+)"', html, re.S
    )
    assert address, "the main branch's address is filled in"
    form.post(
        "bedrijf",
        {"adres_zaak_0": address[1], "adres_zaak_1": address[2], "adres_zaak_2": "", "email": "info@bakker.example"},
    )
    form.post("terras", {"oppervlakte": "24", "periode": "Het hele jaar", "toelichting": ""})
    with django_capture_on_commit_callbacks(execute=True):
        return form.post("controle", {"declaration": "on"})


def test_a_business_files_the_terrace_permit_prefilled_from_the_kvk(
    client, bakker, context_schema, django_capture_on_commit_callbacks
):
    form = FormSession(client, "terrasvergunning")
    html = form.start().content.decode()
    assert "Fietsenmaker Bakker" in html and KVK in html, "name and number from the KvK, not asked"
    done = _terrace(form, django_capture_on_commit_callbacks)
    assert done.status_code == 302 and done["Location"].endswith("/ontvangen/")
    submission = Submission.objects.get()
    assert submission.resident == bakker
    assert submission.data["bedrijfsnaam"] == "Fietsenmaker Bakker" and submission.data["kvk_nummer"] == KVK
    assert set(submission.prefilled) >= {"bedrijfsnaam", "kvk_nummer"}
    document = submission.authentication_context()
    assert list(context_schema.iter_errors(document)) == []
    assert document["source"] == "eherkenning" and document["levelOfAssurance"] == loa.EH3
    assert document["authorizee"]["legalSubject"] == {"identifierType": "kvkNummer", "identifier": KVK}
    assert document["authorizee"]["actingSubject"]["identifier"] == "medewerker-pseudoniem-1"
    case = Case.objects.get(submission_uuid=submission.uuid)
    assert case.resident == bakker and case.case_type.name == "Terrasvergunning"
    overview = client.get("/mijn/").content.decode()
    assert "Terrasvergunning aanvragen" in overview and case.identification in overview


def test_a_branch_limited_login_is_recorded_with_its_branch(
    client, site, context_schema, django_capture_on_commit_callbacks
):
    company = company_get_or_create(kvk_number="90000002")
    login_business(client, company, branch="000090000003")
    _terrace(FormSession(client, "terrasvergunning"), django_capture_on_commit_callbacks)
    document = Submission.objects.get().authentication_context()
    assert list(context_schema.iter_errors(document)) == []
    assert document["authorizee"]["legalSubject"]["branchNumber"] == "000090000003"


def test_a_resident_s_submission_records_their_digid_login(client, site, context_schema):
    jan = resident_get_or_create(bsn="999900006")
    login_resident(client, jan, loa=loa.SUBSTANTIEEL)
    form = FormSession(client, "uittreksel-brp")
    form.start()
    form.post("uittreksel", {"soort": "Standaard", "aantal": "1"})
    form.post("betaling", {"iban": ""})
    form.post("controle", {"declaration": "on"})
    submission = Submission.objects.get()
    assert submission.auth_context == {"source": "digid", "loa": loa.SUBSTANTIEEL}, "no BSN stored in it"
    document = submission.authentication_context()
    assert list(context_schema.iter_errors(document)) == []
    assert document["authorizee"]["legalSubject"] == {"identifierType": "bsn", "identifier": "999900006"}


def test_without_a_login_there_is_no_context(db):
    assert Submission(auth_context={}).authentication_context() is None


def test_a_resident_is_told_the_terrace_permit_is_for_businesses(client, site):
    login_resident(client, resident_get_or_create(bsn="999900006"))
    response = client.get("/formulieren/terrasvergunning/")
    assert response.status_code == 403
    assert "Dit formulier is voor ondernemers en organisaties" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_business_is_told_the_moving_form_is_for_residents(client, bakker):
    response = client.get("/formulieren/verhuizing/")
    assert response.status_code == 403
    assert "Dit formulier is voor inwoners" in response.content.decode()


def test_a_visitor_is_offered_only_eherkenning_for_the_terrace_permit(client, site):
    response = client.get("/formulieren/terrasvergunning/")
    assert response.status_code == 302
    assert "middelen=eherkenning" in response["Location"]
    assert "niveau=urn%3Aetoegang%3Acore%3Aassurance-class%3Aloa3" in response["Location"], "asked at eH3 at once"
    login = client.get(response["Location"]).content.decode()
    assert "Inloggen met eHerkenning" in login and "Inloggen met DigiD" not in login


def test_a_login_at_eh2plus_is_asked_to_step_up_to_eh3(client, site):
    login_business(client, company_get_or_create(kvk_number=KVK), loa=loa.EH2_PLUS)
    response = client.get("/formulieren/terrasvergunning/")
    assert (
        response.status_code == 302 and "niveau=urn%3Aetoegang%3Acore%3Aassurance-class%3Aloa3" in response["Location"]
    )


def test_one_company_never_sees_another_s_request(client, bakker, django_capture_on_commit_callbacks):
    _terrace(FormSession(client, "terrasvergunning"), django_capture_on_commit_callbacks)
    submission = Submission.objects.get()
    case = Case.objects.get(submission_uuid=submission.uuid)
    own = [f"/mijn/zaken/{case.uuid}/", f"/mijn/aanvragen/{submission.uuid}/ontvangstbewijs.pdf"]
    assert all(client.get(url).status_code == 200 for url in own)
    for other in (company_get_or_create(kvk_number="90000002"), resident_get_or_create(bsn="999900018")):
        client.logout()
        (login_business if other.is_business else login_resident)(client, other)
        for url in own:
            assert client.get(url).status_code == 404, url
        assert case.identification not in client.get("/mijn/").content.decode()


def test_the_company_s_mijn_loket_is_cheap(client, bakker, django_assert_max_num_queries):
    client.get("/mijn/")  # the KvK name, asked once per login
    with django_assert_max_num_queries(10):
        assert client.get("/mijn/").status_code == 200


def test_the_kvk_plugin_gives_a_resident_nothing_and_says_when_the_kvk_is_down(site, monkeypatch):
    plugin = KvkPrefill()
    assert plugin.get_prefill_values(resident=resident_get_or_create(bsn="999900006"), attributes=["naam"]) == {}
    company = company_get_or_create(kvk_number=KVK)
    values = plugin.get_prefill_values(resident=company, attributes=["naam", "adres", "rechtsvorm", "onbekend"])
    assert values["naam"] == "Fietsenmaker Bakker" and values["rechtsvorm"] == "Eenmanszaak"
    assert values["adres"]["gecontroleerd"] is True and "onbekend" not in values
    unknown = company_get_or_create(kvk_number="12345678")
    assert plugin.get_prefill_values(resident=unknown, attributes=["naam"]) == {}

    def down(*args, **kwargs):
        raise RegistryUnavailable("kvk", "timeout")

    monkeypatch.setattr("portal.registries.kvk.KvkClient.company", down)
    with pytest.raises(RegistryUnavailable):
        plugin.get_prefill_values(resident=company, attributes=["naam"])


def test_the_form_says_so_when_the_kvk_is_down_and_lets_the_business_type(client, bakker, monkeypatch):
    def down(*args, **kwargs):
        raise RegistryUnavailable("kvk", "timeout")

    monkeypatch.setattr("portal.registries.kvk.KvkClient.company", down)
    page = FormSession(client, "terrasvergunning").start()
    assert page.status_code == 200
    assert 'name="bedrijf-bedrijfsnaam"' in page.content.decode(), "asked, since the KvK could not say"
