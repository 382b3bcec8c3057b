"""Businesses log in with eHerkenning through the stand-in broker: the company is the account, the employee who
acts is a pseudonym, the level is eHerkenning's; every wrong, tampered or crossed token is refused."""

import logging

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache

from auth import eherkenning, loa
from auth.backends import SESSION_LOA
from auth.services import company_get_or_create, resident_get_or_create
from auth.stand_in_idp.demo import ensure_portal_client
from tests.auth.conftest import _path, login_at_idp, start_login
from tests.auth.test_digid_login import _resign
from tests.helpers import login_business, login_resident

KVK = "90000001"


def start_eherkenning(client, next_url="/mijn/", niveau=""):
    response = client.get("/inloggen/eherkenning/", {"next": next_url, "niveau": niveau})
    assert response.status_code == 302, response.content[:500]
    return _path(response["Location"])


def login_at_broker(client, authorize_path, *, kvk=KVK, branch="", employee="els@bakker.example", acr=loa.EH3):
    """At the stand-in broker: the employee picks the company and level; returns the portal's callback URL."""
    response = client.get(authorize_path)
    assert response["Location"].startswith("/test-idp/eherkenning/"), response["Location"]
    fields = {"kvk_number": kvk, "branch_number": branch, "employee": employee, "acr": acr}
    response = client.post(response["Location"], fields)
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert "/inloggen/digid/terug/" in response["Location"], response["Location"]
    return _path(response["Location"])


@pytest.fixture
def broker(registries):
    """The stand-in broker and registries, reached over one test-client transport (tamper with its answers)."""
    cache.clear()
    ensure_portal_client()
    return registries


@pytest.fixture
def business_login(client, broker):
    def do(**options):
        callback = login_at_broker(client, start_eherkenning(client), **options)
        return client.get(callback)

    return do


def _refused(response):
    assert response.status_code in (400, 503)
    assert "Inloggen is niet gelukt" in response.content.decode()


def _log_out(client):
    """Log out of the portal and, as the browser follows the redirect, of the broker."""
    response = client.post("/uitloggen/")
    client.get(_path(response["Location"]))


def _logged_in(client):
    return "_auth_user_id" in client.session


def test_the_login_page_offers_digid_and_eherkenning(client, db):
    page = BeautifulSoup(client.get("/inloggen/", {"next": "/mijn/"}).content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in page.select("a.utrecht-button-link")}
    assert links["Inloggen met DigiD"].startswith("/inloggen/digid/?")
    assert links["Inloggen met eHerkenning"].startswith("/inloggen/eherkenning/?")


def test_a_form_for_businesses_offers_only_eherkenning(client, db):
    page = client.get("/inloggen/", {"next": "/formulieren/terrasvergunning/", "middelen": "eherkenning"})
    text = page.content.decode()
    assert "Inloggen met eHerkenning" in text and "Inloggen met DigiD" not in text
    step_up = client.get("/inloggen/", {"next": "/mijn/", "niveau": loa.EH3}).content.decode()
    assert "Inloggen met DigiD" not in step_up and "eHerkenning niveau 3 (eH3)" in step_up
    nonsense = client.get("/inloggen/", {"next": "/mijn/", "middelen": "yivi,<script>"}).content.decode()
    assert "Inloggen met DigiD" in nonsense and "Inloggen met eHerkenning" in nonsense and "<script>" not in nonsense


def test_a_business_logs_in_and_sees_its_own_mijn_loket(client, business_login, caplog):
    caplog.set_level(logging.DEBUG)
    response = business_login()
    assert response.status_code == 302 and response["Location"] == "/mijn/"
    company = get_user_model().objects.get(kvk_number=KVK)
    assert company.is_business and not company.is_resident and not company.has_usable_password()
    assert client.session[SESSION_LOA] == loa.EH3
    acting_subject = client.session[eherkenning.SESSION]["acting_subject"]
    assert acting_subject and "els@bakker.example" not in acting_subject
    page = client.get("/mijn/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Fietsenmaker Bakker (KvK-nummer 90000001)" in text
    assert "eHerkenning niveau 3 (eH3)" in text
    assert "Afspraken" not in text and "Namens uw kind" not in text and "Basisregistratie Personen" not in text
    assert {"private", "no-store"} <= {part.strip() for part in page["Cache-Control"].split(",")}
    assert "els@bakker.example" not in caplog.text


def test_the_employee_is_a_stable_pseudonym_of_their_own(client, business_login):
    business_login(employee="els@bakker.example")
    first = client.session[eherkenning.SESSION]["acting_subject"]
    _log_out(client)
    business_login(employee="ELS@bakker.example ")
    assert client.session[eherkenning.SESSION]["acting_subject"] == first
    _log_out(client)
    business_login(employee="piet@bakker.example")
    assert client.session[eherkenning.SESSION]["acting_subject"] != first
    assert get_user_model().objects.filter(kvk_number=KVK).count() == 1


def test_a_login_limited_to_one_branch_says_so(client, business_login):
    business_login(kvk="90000002", branch="000090000003")
    assert client.session[eherkenning.SESSION]["branch_number"] == "000090000003"
    assert "Uw machtiging geldt voor vestiging 000090000003." in client.get("/mijn/").content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Kies een bedrijf of typ een KvK-nummer."),
        ({"kvk_number": "1234"}, "Een KvK-nummer bestaat uit 8 cijfers."),
        ({"kvk_number": "9" * 5000}, "Zorg dat deze waarde niet meer dan 8 tekens bevat"),
        ({"kvk_number": "<script>"}, "Een KvK-nummer bestaat uit 8 cijfers."),
        ({"kvk_number": KVK, "branch_number": "12"}, "Een vestigingsnummer bestaat uit 12 cijfers."),
        ({"kvk_number": KVK, "branch_number": "000090000002"}, "Dit bedrijf heeft geen vestiging met dit nummer."),
        ({"kvk_number": KVK, "employee": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ({"kvk_number": KVK, "acr": loa.MIDDEN}, "Selecteer een geldige keuze."),
    ],
)
def test_the_broker_refuses_bad_input_clearly(client, broker, fields, message):
    authorize = start_eherkenning(client)
    login_page = client.get(authorize)["Location"]
    data = {"employee": "els@bakker.example", "acr": loa.EH3, **fields}
    response = client.post(login_page, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not _logged_in(client)


def test_the_broker_asks_at_least_the_level_the_portal_asked(client, broker):
    authorize = start_eherkenning(client, niveau=loa.EH4)
    login_page = client.get(authorize)["Location"]
    response = client.post(login_page, {"kvk_number": KVK, "employee": "els@bakker.example", "acr": loa.EH3})
    assert response.status_code == 400
    assert "Deze dienst vraagt minstens: eHerkenning niveau 4 (eH4)." in response.content.decode()


def test_full_width_digits_are_the_same_company(client, broker):
    authorize = start_eherkenning(client)
    login_page = client.get(authorize)["Location"]
    client.post(login_page, {"kvk_number": "９００００００１", "employee": "els@bakker.example", "acr": loa.EH3})
    assert get_user_model().objects.filter(kvk_number=KVK).exists()


def _add(**claims):
    return _resign(lambda c: c.update(claims))


def _drop(name):
    return _resign(lambda c: c.pop(name))


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(_add(bsn="999900006"), id="a bsn added"),
        pytest.param(_add(acr=loa.MIDDEN), id="a DigiD level"),
        pytest.param(_add(acr=loa.EH2), id="below eH2+"),
        pytest.param(_drop(eherkenning.ACTING_SUBJECT), id="no acting subject"),
        pytest.param(_add(**{eherkenning.ACTING_SUBJECT: ""}), id="empty acting subject"),
        pytest.param(_drop(eherkenning.LEGAL_SUBJECT), id="no company"),
        pytest.param(_add(**{eherkenning.LEGAL_SUBJECT: "9000001"}), id="a short KvK number"),
        pytest.param(_add(**{eherkenning.LEGAL_SUBJECT: "٩٠٠٠٠٠٠١"}), id="Arabic-Indic digits in a token"),
        pytest.param(_add(**{eherkenning.LEGAL_SUBJECT: 90000001}), id="a number, not a string"),
        pytest.param(_add(**{eherkenning.BRANCH: "0000900000"}), id="a short branch number"),
        pytest.param(_add(**{eherkenning.NAME_QUALIFIER: "urn:etoegang:1.9:EntityConcernedID:RSIN"}), id="an RSIN"),
    ],
)
def test_a_tampered_eherkenning_token_is_refused(client, broker, tamper):
    broker.tamper_token_response = tamper
    callback = login_at_broker(client, start_eherkenning(client))
    _refused(client.get(callback))
    assert not _logged_in(client)


def test_eherkenning_claims_in_a_digid_login_are_refused(client, broker):
    broker.tamper_token_response = _add(**{eherkenning.LEGAL_SUBJECT: KVK, eherkenning.ACTING_SUBJECT: "x"})
    callback = login_at_idp(client, start_login(client))
    _refused(client.get(callback))
    assert not _logged_in(client)


def test_a_digid_token_does_not_finish_an_eherkenning_login(client, broker):
    """The broker's session is a resident's; the portal asked for eHerkenning: the broker asks for an eHerkenning
    login, and a DigiD token slipped into an eHerkenning callback is refused."""
    login_at_idp(client, start_login(client))  # a DigiD session at the broker
    authorize = start_eherkenning(client)
    assert client.get(authorize)["Location"].startswith("/test-idp/eherkenning/")
    broker.tamper_token_response = _resign(
        lambda c: (
            [c.pop(name, None) for name in (eherkenning.LEGAL_SUBJECT, eherkenning.ACTING_SUBJECT)]
            and c.update(bsn="999900006", acr=loa.MIDDEN)
        )
    )
    callback = login_at_broker(client, authorize)
    _refused(client.get(callback))


def test_a_company_session_at_the_broker_never_answers_a_digid_login(client, business_login):
    business_login()
    _log_out(client)
    authorize = start_login(client)
    assert client.get(authorize)["Location"].startswith("/test-idp/inloggen/"), "asks for a DigiD login"


@pytest.mark.parametrize("name", ["profile:my_details", "portal_auth:act_for", "notices:preferences"])
def test_a_business_is_refused_pages_about_a_person(client, db, name):
    from django.urls import reverse

    login_business(client, company_get_or_create(kvk_number=KVK))
    response = client.get(reverse(name))
    assert response.status_code == 403
    assert "Deze pagina is voor inwoners" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_resident_is_not_a_business(client, db):
    resident = resident_get_or_create(bsn="999900006")
    assert resident.is_resident and not resident.is_business and resident.is_party
    login_resident(client, resident)
    assert "Deze pagina is voor inwoners" not in client.get("/mijn/").content.decode()


@pytest.mark.parametrize("name", ["dashboard:overview", "cases:list", "inbox:list", "reports:mine", "payments:list"])
def test_a_business_opens_its_own_pages(client, demo_site, name, django_assert_max_num_queries):
    from django.urls import reverse

    login_business(client, company_get_or_create(kvk_number=KVK))
    session = client.session
    session[eherkenning.SESSION] = {**session[eherkenning.SESSION], "name": "Fietsenmaker Bakker"}
    session.save()
    client.get(reverse(name))  # the public frame (menu, footer) is kept after the first page
    with django_assert_max_num_queries(10):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_mijn_loket_says_the_kvk_number_when_the_kvk_is_down_and_asks_again_later(client, demo_site, monkeypatch):
    from portal.registries.base import RegistryUnavailable
    from portal.registries.kvk import KvkClient

    real = KvkClient.company

    def down(*args, **kwargs):
        raise RegistryUnavailable("kvk", "timeout")

    login_business(client, company_get_or_create(kvk_number=KVK))
    monkeypatch.setattr(KvkClient, "company", down)
    text = client.get("/mijn/").content.decode()
    assert "het bedrijf met KvK-nummer 90000001" in text
    assert "name" not in client.session[eherkenning.SESSION], "a failure is not kept as the name"
    monkeypatch.setattr(KvkClient, "company", real)
    from tests import testserver

    testserver.install(monkeypatch)
    from portal.registries.stand_in.demo import load_personas

    load_personas()
    assert "Fietsenmaker Bakker (KvK-nummer 90000001)" in client.get("/mijn/").content.decode()
