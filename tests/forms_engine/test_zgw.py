"""The zgw destination against a stub Zaken API built from the ZGW specification: every request it makes must
validate against specs/zaken-openapi.yaml, carry the standard's JWT, and a retry must not make a second zaak."""

import json
from pathlib import Path

import jwt
import pytest
import requests
import yaml
from django.conf import settings
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest

from forms_engine.delivery import registration_attempt
from forms_engine.models import Registration
from tests.factories.cases import make_resident
from tests.factories.forms import make_form
from tests.forms_engine.test_delivery import _submit

ROOT = "https://zaken.voorbeeldstad.example/zaken/api/v1"
OPTIONS = {
    "type": "zgw",
    "api_root": ROOT,
    "zaaktype": "https://catalogi.voorbeeldstad.example/catalogi/api/v1/zaaktypen/7a3e1b2c-0000-4000-8000-000000000001",
    "client_id": "loket",
    "secret_env": "LOKET_TEST_ZGW_SECRET",
    "bronorganisatie": "002220647",
    "verantwoordelijke_organisatie": "002220647",
}


def _without_remote_refs(node):
    """The spec points once at the Catalogi API on GitHub (an expanded zaaktype); tests never go online."""
    if isinstance(node, dict):
        if str(node.get("$ref", "")).startswith("http"):
            return {"type": "object"}
        return {key: _without_remote_refs(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_without_remote_refs(item) for item in node]
    return node


@pytest.fixture(scope="module")
def zaken_spec():
    spec = yaml.safe_load((Path(settings.BASE_DIR) / "specs" / "zaken-openapi.yaml").read_text())
    spec["servers"] = [{"url": ROOT}]
    return OpenAPI.from_dict(_without_remote_refs(spec))


class StubZakenApi:
    def __init__(self, spec):
        self.spec = spec
        self.zaken: dict[str, dict] = {}
        self.rollen: list[dict] = []
        self.requests: list[requests.PreparedRequest] = []
        self.fail_next_post_after_storing = False
        self.fail_next_rol_post_after_storing = False

    def _check(self, prepared):
        self.spec.validate_request(RequestsOpenAPIRequest(prepared))
        token = prepared.headers["Authorization"].removeprefix("Bearer ")
        claims = jwt.decode(token, "zgw-geheim-van-minstens-32-tekens-lang", algorithms=["HS256"])
        assert claims["client_id"] == claims["iss"] == "loket"
        self.requests.append(prepared)

    def _response(self, status, body):
        response = requests.Response()
        response.status_code = status
        response._content = json.dumps(body).encode()
        response.headers["Content-Type"] = "application/json"
        return response

    def get(self, url, params=None, headers=None, timeout=None):
        prepared = requests.Request("GET", url, params=params, headers=headers).prepare()
        self._check(prepared)
        if "/rollen/" in url:
            return self._response(200, next(rol for rol in self.rollen if rol["url"] == url))
        found = [zaak] if (zaak := self.zaken.get(params["identificatie"])) else []
        return self._response(200, {"count": len(found), "next": None, "previous": None, "results": found})

    def post(self, url, json=None, headers=None, timeout=None):
        prepared = requests.Request("POST", url, json=json, headers=headers).prepare()
        self._check(prepared)
        if url.endswith("/rollen"):
            rol = {**json, "url": f"{ROOT}/rollen/7a3e1b2c-0000-4000-8000-{len(self.rollen) + 1:012d}"}
            self.rollen.append(rol)
            zaak = next(zaak for zaak in self.zaken.values() if zaak["url"] == json["zaak"])
            zaak["rollen"] = [*zaak.get("rollen", []), rol["url"]]
            if self.fail_next_rol_post_after_storing:
                self.fail_next_rol_post_after_storing = False
                raise requests.ReadTimeout("the rol was made, the answer got lost")
            return self._response(201, rol)
        zaak = {**json, "url": f"{ROOT}/zaken/{len(self.zaken) + 1}"}
        self.zaken[json["identificatie"]] = zaak
        if self.fail_next_post_after_storing:
            self.fail_next_post_after_storing = False
            raise requests.ReadTimeout("the zaak was made, the answer got lost")
        return self._response(201, zaak)


@pytest.fixture
def api(zaken_spec, monkeypatch):
    monkeypatch.setenv("LOKET_TEST_ZGW_SECRET", "zgw-geheim-van-minstens-32-tekens-lang")
    stub = StubZakenApi(zaken_spec)
    monkeypatch.setattr("forms_engine.destinations.contrib.zgw.requests.get", stub.get)
    monkeypatch.setattr("forms_engine.destinations.contrib.zgw.requests.post", stub.post)
    return stub


def test_a_zaak_is_created_with_requests_that_follow_the_specification(db, api, django_capture_on_commit_callbacks):
    form = make_form(slug="zgw", destinations=[OPTIONS])
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, make_resident())
    registration = Registration.objects.get(submission=submission, destination="zgw")
    assert registration.state == "done", registration.last_error
    zaak = api.zaken[submission.reference]
    assert zaak["zaaktype"] == OPTIONS["zaaktype"] and zaak["kenmerken"][0]["kenmerk"] == submission.reference
    assert registration.result["zaak"] == zaak["url"]
    assert [r.method for r in api.requests] == ["GET", "POST"]
    assert "Jan" not in api.requests[1].body.decode(), "answers stay in Loket; the zaak refers to the submission"


def test_a_lost_answer_and_a_retry_make_one_zaak(db, api, django_capture_on_commit_callbacks):
    form = make_form(slug="zgw", destinations=[OPTIONS])
    api.fail_next_post_after_storing = True
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, make_resident())
    registration = Registration.objects.get(submission=submission, destination="zgw")
    assert registration.state == "pending" and "ReadTimeout" in registration.last_error
    assert registration_attempt(registration_id=registration.pk) == "done"
    assert len(api.zaken) == 1 and [r.method for r in api.requests] == ["GET", "POST", "GET"]


def test_wrong_zgw_settings_are_refused(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        make_form(slug="zgw", destinations=[{**OPTIONS, "bronorganisatie": "12", "zaaktype": ""}])
    text = str(error.value.message_dict["destinations"])
    assert "RSIN van 9 cijfers" in text and "zaaktype ontbreekt" in text


ROLTYPE = "https://catalogi.voorbeeldstad.example/catalogi/api/v1/roltypen/7a3e1b2c-0000-4000-8000-000000000002"


def test_the_resident_becomes_the_initiator_with_their_digid_level(db, api, django_capture_on_commit_callbacks):
    from auth import loa

    form = make_form(slug="zgw", destinations=[{**OPTIONS, "roltype_initiator": ROLTYPE}])
    resident = make_resident()
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, resident, auth_context={"source": "digid", "loa": loa.SUBSTANTIEEL})
    registration = Registration.objects.get(submission=submission, destination="zgw")
    assert registration.state == "done", registration.last_error
    [rol] = api.rollen
    assert rol["zaak"] == api.zaken[submission.reference]["url"] and rol["roltype"] == ROLTYPE
    assert rol["betrokkeneType"] == "natuurlijk_persoon"
    assert rol["betrokkeneIdentificatie"] == {"inpBsn": resident.bsn}
    assert rol["authenticatieContext"] == {"source": "digid", "levelOfAssurance": loa.SUBSTANTIEEL}
    assert registration.result["rol"] == rol["url"]


def test_a_business_becomes_the_initiator_with_its_branch_and_employee(db, api, django_capture_on_commit_callbacks):
    from auth import loa
    from auth.services import company_get_or_create

    form = make_form(slug="zgw", destinations=[{**OPTIONS, "roltype_initiator": ROLTYPE}])
    company = company_get_or_create(kvk_number="90000002")
    stored = {"source": "eherkenning", "loa": loa.EH3, "acting_subject": "abc123", "branch_number": "000090000003"}
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, company, auth_context=stored)
    [rol] = api.rollen
    assert rol["betrokkeneType"] == "niet_natuurlijk_persoon"
    assert rol["betrokkeneIdentificatie"] == {"kvkNummer": "90000002", "vestigingsNummer": "000090000003"}
    assert rol["authenticatieContext"] == {
        "source": "eherkenning",
        "levelOfAssurance": loa.EH3,
        "actingSubject": "abc123",
    }
    assert Registration.objects.get(submission=submission, destination="zgw").state == "done"


@pytest.mark.parametrize("lost", ["fail_next_post_after_storing", "fail_next_rol_post_after_storing"])
def test_a_retry_after_a_lost_answer_makes_one_initiator(db, api, django_capture_on_commit_callbacks, lost):
    form = make_form(slug="zgw", destinations=[{**OPTIONS, "roltype_initiator": ROLTYPE}])
    setattr(api, lost, True)
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(
            form,
            make_resident(),
            auth_context={"source": "digid", "loa": "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"},
        )
    registration = Registration.objects.get(submission=submission, destination="zgw")
    assert registration.state == "pending"
    assert registration_attempt(registration_id=registration.pk) == "done"
    assert registration_attempt(registration_id=registration.pk) in ("done", "skipped")
    assert len(api.zaken) == 1 and len(api.rollen) == 1


def test_without_a_login_the_zaak_has_no_initiator(db, api, django_capture_on_commit_callbacks):
    form = make_form(slug="zgw", destinations=[{**OPTIONS, "roltype_initiator": ROLTYPE}])
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, None)
    assert Registration.objects.get(submission=submission, destination="zgw").state == "done"
    assert api.rollen == []


def test_filled_in_at_the_counter_the_resident_is_the_initiator_without_a_login(
    db, api, django_capture_on_commit_callbacks
):
    form = make_form(slug="zgw", destinations=[{**OPTIONS, "roltype_initiator": ROLTYPE}])
    resident = make_resident()
    stored = {"source": "staff", "channel": "counter", "employee": "medewerker-burgerzaken"}
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, resident, auth_context=stored)
    registration = Registration.objects.get(submission=submission, destination="zgw")
    assert registration.state == "done", registration.last_error
    [rol] = api.rollen
    assert rol["betrokkeneIdentificatie"] == {"inpBsn": resident.bsn}
    assert "authenticatieContext" not in rol, "not a DigiD login"
    assert "ingevuld door de gemeente (counter)" in rol["roltoelichting"]


BELANGHEBBENDE = "https://catalogi.voorbeeldstad.example/catalogi/api/v1/roltypen/7a3e1b2c-0000-4000-8000-000000000003"


def test_with_digid_machtigen_the_authorizee_initiates_and_the_representee_is_belanghebbende(
    db, api, django_capture_on_commit_callbacks
):
    from auth import loa

    service = "5b1e5f1e-2c8a-4a43-9a57-6f0d3c2b7a10"
    form = make_form(
        slug="zgw",
        destinations=[{**OPTIONS, "roltype_initiator": ROLTYPE, "roltype_belanghebbende": BELANGHEBBENDE}],
    )
    representee, authorizee = make_resident(), make_resident()
    stored = {
        "source": "digid",
        "loa": loa.MIDDEN,
        "mandate": "digid_machtigen",
        "service": service,
        "authorizee": str(authorizee.uuid),
    }
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, representee, auth_context=stored)
    registration = Registration.objects.get(submission=submission, destination="zgw")
    assert registration.state == "done", registration.last_error
    initiator, represented = api.rollen
    assert initiator["roltype"] == ROLTYPE and initiator["indicatieMachtiging"] == "gemachtigde"
    assert initiator["betrokkeneIdentificatie"] == {"inpBsn": authorizee.bsn}
    assert initiator["authenticatieContext"] == {
        "source": "digid",
        "levelOfAssurance": loa.MIDDEN,
        "representee": {"identifierType": "bsn", "identifier": representee.bsn},
        "mandate": {"services": [{"id": service}]},
    }
    assert represented["roltype"] == BELANGHEBBENDE and represented["indicatieMachtiging"] == "machtiginggever"
    assert represented["betrokkeneIdentificatie"] == {"inpBsn": representee.bsn}
    assert registration.result["rol_belanghebbende"] == represented["url"]
    # A retry finds both roles made before and adds none.
    registration.state = "pending"
    registration.save()
    assert registration_attempt(registration_id=registration.pk) == "done"
    assert len(api.rollen) == 2


def test_with_bewindvoering_the_office_initiates_for_its_client(db, api, django_capture_on_commit_callbacks):
    from auth import loa
    from auth.services import company_get_or_create

    service = "5b1e5f1e-2c8a-4a43-9a57-6f0d3c2b7a10"
    form = make_form(slug="zgw", destinations=[{**OPTIONS, "roltype_initiator": ROLTYPE}])
    company_get_or_create(kvk_number="90000005")
    client_resident = make_resident()
    stored = {
        "source": "eherkenning",
        "loa": loa.EH3,
        "acting_subject": "abc123",
        "branch_number": "",
        "service_id": "urn:etoegang:DV:00000001999999999000:services:9113",
        "mandate": "bewindvoerder",
        "service": service,
        "kvk_number": "90000005",
    }
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(form, client_resident, auth_context=stored)
    assert Registration.objects.get(submission=submission, destination="zgw").state == "done"
    [rol] = api.rollen
    assert rol["betrokkeneType"] == "niet_natuurlijk_persoon"
    assert rol["betrokkeneIdentificatie"] == {"kvkNummer": "90000005"}
    context = rol["authenticatieContext"]
    assert context["actingSubject"] == "abc123" and context["representee"]["identifier"] == client_resident.bsn
    assert context["mandate"] == {"role": "bewindvoerder", "services": [{"id": stored["service_id"], "uuid": service}]}
