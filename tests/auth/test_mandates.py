"""Acting for someone with a mandate from the login: DigiD Machtigen (a resident for someone who authorised them)
and eHerkenning bewindvoering (an organisation for its client), each for one service. The stand-in broker offers
only what its register allows today; the portal accepts a mandate only for the service it asked about, opens only
that service's forms, records who acted for whom, and refuses every tampered or crossed token."""

import json
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from jsonschema import Draft202012Validator

from auth import acting, eherkenning, loa, mandates
from auth.backends import SESSION_LOA
from auth.services import resident_get_or_create
from auth.stand_in_idp.demo import ensure_portal_client
from forms_engine.demo import ASSISTANCE_SERVICE
from forms_engine.models import Submission
from portal.cases.models import Case
from portal.cases.services import case_create
from portal.core.models import AccessLogEntry
from portal.registries.stand_in.models import Mandate, Person
from tests.auth.conftest import _path
from tests.auth.test_digid_login import _other_key, _resign
from tests.factories.cases import CaseTypeFactory
from tests.forms_engine.helpers import FormSession
from tests.helpers import login_resident

FORM = "/formulieren/bijzondere-bijstand/"
FOR_SOMEONE = "Vult u dit in voor iemand anders, als gemachtigde of bewindvoerder? Log dan in voor die persoon."


def _kees():
    return Person.objects.get(first_names="Kees", surname="Mulder").bsn


def _lieke():
    return Person.objects.get(first_names="Lieke", surname="Vries").bsn


@pytest.fixture(scope="module")
def context_schema():
    schema = json.loads((Path(settings.BASE_DIR) / "specs" / "authentication-context-schema.json").read_text())
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture
def site(registries):
    """The registries (with the mandate register), the broker, and the demo's forms: lighter than the whole demo."""
    from forms_engine.demo import ASSISTANCE, EXTRACT, load_demo_form

    cache.clear()
    ensure_portal_client()
    CaseTypeFactory(name="Bijzondere bijstand")
    for spec in (ASSISTANCE, EXTRACT):
        load_demo_form(spec)
    return registries


def _bsn(first_names: str) -> str:
    return Person.objects.exclude(persona="").get(first_names=first_names).bsn


def _start(client, means: str, service: str = ASSISTANCE_SERVICE) -> str:
    """From the form's login page, the button for someone else: returns the broker's authorize URL."""
    response = client.get(FORM)
    if response.status_code == 200:  # logged in already: the first step's link to log in for someone else
        response = client.get(BeautifulSoup(response.content, "html.parser").find("a", string=FOR_SOMEONE)["href"])
    else:
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/?")
        response = client.get(response["Location"])
    page = BeautifulSoup(response.content, "html.parser")
    label = {"machtigen": "Inloggen met DigiD Machtigen", "bewindvoering": "Inloggen met eHerkenning bewindvoering"}
    link = page.find("a", string=label[means])["href"]
    if service != ASSISTANCE_SERVICE:
        link = link.replace(ASSISTANCE_SERVICE, service)
    response = client.get(link)
    assert response.status_code == 302, response.content.decode()[:1000]
    return _path(response["Location"])


def _log_in_at_broker(client, authorize: str, means: str, **fields):
    """The login of one's own at the broker; returns the broker's choice page (whom to act for)."""
    response = client.get(authorize)
    if means == "machtigen":
        assert response["Location"].startswith("/test-idp/inloggen/"), response["Location"]
        data = {"bsn": fields.get("bsn", _bsn("Fatima")), "acr": fields.get("acr", loa.MIDDEN)}
    else:
        assert response["Location"].startswith("/test-idp/eherkenning/"), response["Location"]
        data = {"kvk_number": fields.get("kvk", "90000005"), "employee": "anna@bewind.example", "acr": loa.EH3}
    response = client.post(response["Location"], data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"].startswith("/test-idp/namens/")
    return response["Location"]


def _choices(client, choose_url) -> dict[str, str]:
    page = BeautifulSoup(client.get(choose_url).content, "html.parser")
    return {
        page.find("label", attrs={"for": radio["id"]}).get_text(strip=True): radio["value"]
        for radio in page.select("input[name=mandate]")
    }


def _choose(client, choose_url, name: str) -> str:
    """Choose whom to act for; returns the portal's callback URL."""
    value = next(value for label, value in _choices(client, choose_url).items() if label.startswith(name))
    response = client.post(choose_url, {"mandate": value})
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.get(response["Location"])
    assert "/inloggen/digid/terug/" in response["Location"], response["Location"]
    return _path(response["Location"])


def _log_in_for(client, means: str, name: str):
    choose = _log_in_at_broker(client, _start(client, means), means)
    return client.get(_choose(client, choose, name))


def _refused(response):
    assert response.status_code in (400, 503)
    assert "Inloggen is niet gelukt" in response.content.decode()


def _fill_in(client, django_capture_on_commit_callbacks):
    form = FormSession(client, "bijzondere-bijstand")
    first = form.start()
    assert first.status_code == 200, first.content.decode()[:2000]
    form.post("aanvrager", {"telefoon": ""})
    form.post("kosten", {"omschrijving": "Een nieuwe wasmachine", "bedrag": "450,00", "iban": "NL91ABNA0417164300"})
    with django_capture_on_commit_callbacks(execute=True):
        done = form.post("controle", {"declaration": "on"})
    assert done.status_code == 302 and done["Location"].endswith("/ontvangen/"), done.content.decode()[:2000]
    return first.content.decode()


def test_the_login_page_offers_logins_for_someone_else_only_for_a_form_with_a_service(client, site):
    for_assistance = client.get(client.get(FORM)["Location"]).content.decode()
    assert "Inloggen met DigiD Machtigen" in for_assistance
    assert "Inloggen met eHerkenning bewindvoering" in for_assistance
    extract = client.get(client.get("/formulieren/uittreksel-brp/")["Location"]).content.decode()
    assert "Inloggen met DigiD" in extract and "Machtigen" not in extract and "bewindvoering" not in extract
    for nonsense in ("not-a-uuid", "<script>", "x" * 5000):
        page = client.get("/inloggen/", {"next": FORM, "dienst": nonsense}).content.decode()
        assert "Machtigen" not in page and "<script>" not in page
        _refused(client.get("/inloggen/digid-machtigen/", {"next": FORM, "dienst": nonsense}))


def test_a_resident_fills_in_the_form_for_someone_who_authorised_them(
    client, site, context_schema, django_capture_on_commit_callbacks
):
    fatima, mien = _bsn("Fatima"), _bsn("Wilhelmina")
    response = _log_in_for(client, "machtigen", "Wilhelmina Smit")
    assert response.status_code == 302 and response["Location"] == FORM
    authorizee = resident_get_or_create(bsn=fatima)
    assert client.session["_auth_user_id"] == str(authorizee.pk), "the one who acts is the one logged in"
    stored = client.session[acting.SESSION_ACTING]
    assert stored["mandate"] == mandates.Mandate.DIGID_MACHTIGEN and stored["service"] == ASSISTANCE_SERVICE
    first = _fill_in(client, django_capture_on_commit_callbacks)
    assert "Wilhelmina Smit" in first, "prefilled from the BRP of the one acted for"
    assert "U handelt namens <strong>Wilhelmina Smit</strong> (DigiD Machtigen)" in first
    submission = Submission.objects.get()
    representee = resident_get_or_create(bsn=mien)
    assert submission.resident == representee
    assert submission.auth_context == {
        "source": "digid",
        "loa": loa.MIDDEN,
        "mandate": "digid_machtigen",
        "service": ASSISTANCE_SERVICE,
        "authorizee": str(authorizee.uuid),
    }, "no BSN stored in it"
    document = submission.authentication_context()
    assert list(context_schema.iter_errors(document)) == []
    assert document["representee"] == {"identifierType": "bsn", "identifier": mien}
    assert document["authorizee"]["legalSubject"] == {"identifierType": "bsn", "identifier": fatima}
    assert document["mandate"] == {"services": [{"id": ASSISTANCE_SERVICE}]}
    assert Case.objects.get(submission_uuid=submission.uuid).resident == representee
    started = AccessLogEntry.objects.get(action="act_for")
    assert started.user == authorizee and started.subject_digest == representee.bsn_digest
    assert not submission.form.drafts.exists(), "a mandate lasts the session: no draft left behind"


def test_a_bewindvoerder_fills_in_the_form_for_a_client(
    client, site, context_schema, django_capture_on_commit_callbacks
):
    response = _log_in_for(client, "bewindvoering", "Kees Mulder")
    assert response.status_code == 302 and response["Location"] == FORM
    assert client.session[SESSION_LOA] == loa.EH3
    first = _fill_in(client, django_capture_on_commit_callbacks)
    assert "Kees Mulder" in first and "(bewindvoering)" in first
    submission = Submission.objects.get()
    assert submission.resident.bsn == _kees()
    assert submission.auth_context["kvk_number"] == "90000005"
    document = submission.authentication_context()
    assert list(context_schema.iter_errors(document)) == []
    assert document["source"] == "eherkenning" and document["mandate"]["role"] == "bewindvoerder"
    assert document["representee"]["identifier"] == _kees()
    assert document["authorizee"]["legalSubject"] == {"identifierType": "kvkNummer", "identifier": "90000005"}
    service = document["mandate"]["services"][0]
    assert service["uuid"] == ASSISTANCE_SERVICE and service["id"].startswith("urn:etoegang:DV:")


def test_the_broker_offers_only_mandates_that_hold_today_for_this_service(client, site):
    choose = _log_in_at_broker(client, _start(client, "machtigen"), "machtigen")
    assert list(_choices(client, choose)) == ["Wilhelmina Smit — DigiD Machtigen"], "Kees's mandate has ended"
    # A mandate id the register does not offer this person (ended, or someone else's) is refused, nothing chosen.
    for other in Mandate.objects.exclude(representee__first_names="Wilhelmina"):
        response = client.post(choose, {"mandate": other.pk})
        assert response.status_code == 400
        assert "Voor deze persoon bent u niet (meer) gemachtigd voor deze dienst." in response.content.decode()
    for bad in ("", "abc", "9" * 400, "<script>"):
        assert client.post(choose, {"mandate": bad}).status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_revoked_mandate_is_not_offered(client, site):
    choose = _log_in_at_broker(client, _start(client, "machtigen"), "machtigen", bsn=_bsn("Wilhelmina"))
    page = client.get(choose).content.decode()
    assert "Niemand heeft u gemachtigd voor deze dienst" in page and 'name="mandate"' not in page


def test_a_mandate_for_another_service_cannot_be_used(client, site):
    other = str(uuid.uuid4())
    choose = _log_in_at_broker(client, _start(client, "machtigen", service=other), "machtigen")
    assert _choices(client, choose) == {}, "the mandate is for bijzondere bijstand only"


@pytest.mark.parametrize("means", ["machtigen", "bewindvoering"])
def test_a_token_for_another_service_than_asked_is_refused(client, site, means):
    claim = mandates.MACHTIGEN_SERVICE if means == "machtigen" else mandates.EH_SERVICE_UUID
    site.tamper_token_response = _resign(lambda c: c.update({claim: str(uuid.uuid4())}))
    name = "Wilhelmina Smit" if means == "machtigen" else "Kees Mulder"
    choose = _log_in_at_broker(client, _start(client, means), means)
    _refused(client.get(_choose(client, choose, name)))
    assert "_auth_user_id" not in client.session and acting.SESSION_ACTING not in client.session


def _swap(c):
    c[mandates.MACHTIGEN_REPRESENTEE] = {"bsn": "999900006"}


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(_resign(_swap, key_pem=_other_key()), id="representee swapped"),
        pytest.param(_resign(lambda c: c.pop(mandates.MACHTIGEN_AUTHORIZEE)), id="no authorizee"),
        pytest.param(_resign(lambda c: c.pop(mandates.MACHTIGEN_REPRESENTEE)), id="no representee"),
        pytest.param(_resign(lambda c: c.update(aanvrager="999900006")), id="representee not an object"),
        pytest.param(_resign(lambda c: c.update(aanvrager={"bsn": "123456789"})), id="representee fails the 11-check"),
        pytest.param(_resign(lambda c: c.update(aanvrager={"bsn": "９９９９００００６"})), id="full-width digits"),
        pytest.param(_resign(lambda c: c.update(aanvrager=c["gemachtigde"])), id="represents oneself"),
        pytest.param(_resign(lambda c: c.update(bsn="999900006")), id="a bsn of its own"),
        pytest.param(_resign(lambda c: c.pop(mandates.MACHTIGEN_SERVICE)), id="no service"),
        pytest.param(_resign(lambda c: c.update(acr=loa.EH3)), id="an eHerkenning level"),
        pytest.param(_resign(lambda c: c.update({eherkenning.LEGAL_SUBJECT: "90000005"})), id="eHerkenning claims"),
    ],
)
def test_a_tampered_machtigen_token_is_refused(client, site, tamper):
    site.tamper_token_response = tamper
    choose = _log_in_at_broker(client, _start(client, "machtigen"), "machtigen")
    _refused(client.get(_choose(client, choose, "Wilhelmina Smit")))
    assert "_auth_user_id" not in client.session and acting.SESSION_ACTING not in client.session


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(_resign(lambda c: c.pop(mandates.EH_REPRESENTEE)), id="no client"),
        pytest.param(_resign(lambda c: c.update({mandates.EH_REPRESENTEE: 999900006})), id="client not a string"),
        pytest.param(_resign(lambda c: c.update({mandates.EH_ROLE: "eigenaar"})), id="an unknown role"),
        pytest.param(_resign(lambda c: c.pop(mandates.EH_SERVICE_ID)), id="no ServiceID"),
        pytest.param(_resign(lambda c: c.update({mandates.EH_SERVICE_ID: "javascript:alert(1)"})), id="bad ServiceID"),
        pytest.param(_resign(lambda c: c.pop(eherkenning.ACTING_SUBJECT)), id="no employee"),
        pytest.param(_resign(lambda c: c.update(acr=loa.MIDDEN)), id="a DigiD level"),
    ],
)
def test_a_tampered_bewindvoering_token_is_refused(client, site, tamper):
    site.tamper_token_response = tamper
    choose = _log_in_at_broker(client, _start(client, "bewindvoering"), "bewindvoering")
    _refused(client.get(_choose(client, choose, "Kees Mulder")))
    assert "_auth_user_id" not in client.session


def test_mandate_claims_in_a_login_without_a_mandate_are_refused(client, site):
    from tests.auth.conftest import login_at_idp, start_login

    site.tamper_token_response = _resign(lambda c: c.update({mandates.MACHTIGEN_REPRESENTEE: {"bsn": "999900006"}}))
    _refused(client.get(login_at_idp(client, start_login(client))))
    assert "_auth_user_id" not in client.session


def test_the_mandate_opens_its_own_service_only(client, site):
    _log_in_for(client, "machtigen", "Wilhelmina Smit")
    mien = resident_get_or_create(bsn=_bsn("Wilhelmina"))
    overview = client.get("/mijn/").content.decode()
    assert "U handelt namens Wilhelmina Smit, op grond van DigiD Machtigen" in overview
    assert "Bijzondere bijstand aanvragen" in overview and "Afspraken" not in overview
    other_form = client.get("/formulieren/uittreksel-brp/")
    assert other_form.status_code == 403
    assert "Uw machtiging geldt voor een andere dienst dan dit formulier" in other_form.content.decode()
    # Everything personal of the one acted for, and of the one who acts, stays closed while acting.
    case = case_create(case_type=CaseTypeFactory(), resident=mien)
    for name, kwargs in (
        ("cases:list", {}),
        ("cases:detail", {"uuid": case.uuid}),
        ("inbox:list", {}),
        ("profile:my_details", {}),
        ("profile:access_log", {}),
        ("payments:list", {}),
        ("appointments:start", {}),
        ("forms_engine:resident_receipt", {"uuid": uuid.uuid4()}),
    ):
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 403, name
        assert case.identification not in response.content.decode()
    assert not Submission.objects.exists()


def test_a_login_of_one_s_own_and_back_to_oneself_end_the_mandate(client, site):
    from tests.auth.conftest import login_at_idp, start_login

    _log_in_for(client, "machtigen", "Wilhelmina Smit")
    client.get(login_at_idp(client, start_login(client), bsn=_bsn("Fatima")))
    assert acting.SESSION_ACTING not in client.session, "a DigiD login of one's own is not for someone else"
    _log_in_for(client, "machtigen", "Wilhelmina Smit")
    assert acting.SESSION_ACTING in client.session
    client.post("/mijn/namens/stoppen/")
    assert acting.SESSION_ACTING not in client.session
    assert "Hier ziet u uw aanvragen" in client.get("/mijn/").content.decode()


def test_a_parent_acting_for_a_child_is_told_forms_are_not_for_the_child(client, demo_site, registries):
    from cms.models import FormPage

    login_resident(client, resident_get_or_create(bsn=_bsn("Jan Willem")))
    lieke = resident_get_or_create(bsn=_lieke())
    session = client.session
    session[acting.SESSION_ACTING] = {
        "id": lieke.pk,
        "name": "Lieke",
        "mandate": "ouderlijk_gezag",
        "until": "2099-01-01",
    }
    session.save()
    # The service page's form page is served by Wagtail, outside the personal URLs: the wizard itself refuses.
    page = FormPage.objects.get(form__slug="bijzondere-bijstand", locale__language_code="nl")
    response = client.get(page.url)
    assert response.status_code == 403
    assert "Dit formulier vult u niet namens uw kind in" in response.content.decode()
    assert not Submission.objects.exists()


def test_a_form_begun_for_oneself_starts_again_for_the_one_acted_for(client, site):
    """Fatima begins the form for herself, then logs in for Mien: Mien's form shows Mien's data, never Fatima's."""
    from tests.auth.conftest import login_at_idp, start_login

    client.get(login_at_idp(client, start_login(client, FORM), bsn=_bsn("Fatima")))
    own = FormSession(client, "bijzondere-bijstand")
    first = own.start()
    assert "Fatima El Amrani" in first.content.decode()
    for_someone = BeautifulSoup(first.content, "html.parser").find("a", string=FOR_SOMEONE)["href"]
    own.post("aanvrager", {"telefoon": "0612345678"})
    login_page = BeautifulSoup(client.get(for_someone).content, "html.parser")
    authorize = _path(client.get(login_page.find("a", string="Inloggen met DigiD Machtigen")["href"])["Location"])
    choose = _log_in_at_broker(client, authorize, "machtigen")
    assert client.get(_choose(client, choose, "Wilhelmina Smit"))["Location"] == FORM
    stale = client.post(FORM, {f"{own.prefix}-current_step": "kosten", "kosten-bedrag": "1"})
    assert stale.status_code == 302 and stale["Location"] == FORM, "Fatima's answers are not carried over"
    page = client.get(FORM).content.decode()
    assert "Wilhelmina Smit" in page and "Fatima El Amrani" not in page.split("<main", 1)[1]
    assert "0612345678" not in page
    assert not Submission.objects.exists()
