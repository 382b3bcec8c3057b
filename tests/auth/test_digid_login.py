import logging
import time

import jwt
import pytest
from bs4 import BeautifulSoup
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.contrib.auth import get_user_model

from auth import loa
from auth.services import resident_get_or_create
from portal.core.crypto import bsn_digest
from tests.auth.conftest import callback_params, login_at_idp, start_login

BSN = "999900006"


def _logged_in_resident(client):
    response = client.get("/mijn/")
    return response.status_code == 200 and b"Mijn Loket" in response.content


def test_a_resident_logs_in_and_lands_where_they_wanted(client, log_in, caplog):
    caplog.set_level(logging.DEBUG)
    before = client.cookies.get("sessionid")
    response = log_in(next_url="/mijn/")
    assert response.status_code == 302
    assert response["Location"] == "/mijn/"
    assert client.cookies["sessionid"].value != (before.value if before else None), "session key rotated"
    page = client.get("/mijn/")
    assert page.status_code == 200
    assert "DigiD Midden" in page.content.decode()
    assert {"private", "no-store"} <= {part.strip() for part in page["Cache-Control"].split(",")}
    resident = get_user_model().objects.get(bsn_digest=bsn_digest(BSN))
    assert resident.bsn == BSN
    assert BSN not in resident.bsn_encrypted
    assert not resident.has_usable_password()
    assert BSN not in caplog.text, "a BSN reached the log"


def test_no_bsn_in_any_url_of_the_flow(client, idp):
    authorize = start_login(client)
    callback = login_at_idp(client, authorize)
    final = client.get(callback)
    for url in (authorize, callback, final["Location"], *idp.calls):
        assert BSN not in url


def test_the_same_person_logs_in_to_the_same_account_also_when_staff_created_it_first(client, log_in):
    existing = resident_get_or_create(bsn=BSN)
    log_in()
    client.get("/uitgelogd/")
    log_in()
    assert get_user_model().objects.filter(bsn_digest=bsn_digest(BSN)).count() == 1
    assert int(client.session["_auth_user_id"]) == existing.pk


def _refused(response):
    assert response.status_code in (400, 503)
    assert "Inloggen is niet gelukt" in response.content.decode()


def test_a_tampered_state_is_refused(client, idp):
    callback = login_at_idp(client, start_login(client))
    params = callback_params(callback)
    response = client.get("/inloggen/digid/terug/", {"code": params["code"], "state": "forged-" + params["state"]})
    _refused(response)
    assert not _logged_in_resident(client)


def test_a_wrong_nonce_is_refused(client, idp):
    callback = login_at_idp(client, start_login(client))
    session = client.session
    states = session["oidc_states"]
    for state in states.values():
        state["nonce"] = "not-the-nonce-we-sent"
    session["oidc_states"] = states
    session.save()
    _refused(client.get(callback))
    assert not _logged_in_resident(client)


def test_a_replayed_code_is_refused(client, idp):
    callback = login_at_idp(client, start_login(client))
    client.get(callback)
    client.post("/uitloggen/")
    # A fresh login attempt, answered with the code that was already used.
    fresh = callback_params(login_at_idp(client, start_login(client)))
    old = callback_params(callback)
    _refused(client.get("/inloggen/digid/terug/", {"code": old["code"], "state": fresh["state"]}))
    assert not _logged_in_resident(client)


def _resign(claims_change, *, key_pem=None):
    """Rewrites the ID token in the token answer: changed claims, signed with the IdP's key or another one."""

    def tamper(token_response):
        token = token_response["id_token"]
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(token, options={"verify_signature": False})
        claims_change(claims)
        key = key_pem or settings.OAUTH2_PROVIDER["OIDC_RSA_PRIVATE_KEY"]
        token_response["id_token"] = jwt.encode(claims, key, algorithm="RS256", headers={"kid": header["kid"]})
        return token_response

    return tamper


def _other_key():
    from cryptography.hazmat.primitives import serialization

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(_resign(lambda c: None, key_pem=_other_key()), id="bad signature"),
        pytest.param(_resign(lambda c: c.update(iss="https://evil.example/test-idp")), id="wrong issuer"),
        pytest.param(_resign(lambda c: c.update(aud="someone-else")), id="wrong audience"),
        pytest.param(_resign(lambda c: c.update(exp=int(time.time()) - 600, iat=int(time.time()) - 900)), id="expired"),
        pytest.param(_resign(lambda c: c.pop("bsn")), id="missing bsn"),
        pytest.param(_resign(lambda c: c.update(bsn="123456789")), id="bsn failing the 11-check"),
        pytest.param(_resign(lambda c: c.update(acr="urn:made-up")), id="unknown level"),
        pytest.param(lambda response: {**response, "id_token": "not.a.jwt"}, id="garbage token"),
    ],
)
def test_a_bad_id_token_is_refused_without_logging_the_bsn(client, idp, caplog, tamper):
    caplog.set_level(logging.DEBUG)
    idp.tamper_token_response = tamper
    callback = login_at_idp(client, start_login(client))
    _refused(client.get(callback))
    assert not _logged_in_resident(client)
    assert BSN not in caplog.text


def test_cancelling_at_digid_says_so(client, idp):
    start_login(client)
    response = client.get("/inloggen/digid/terug/", {"error": "access_denied", "state": "x"})
    assert response.status_code == 400
    assert "afgebroken" in response.content.decode()


def test_digid_unreachable_gives_a_clear_page(client, idp):
    idp.down = True
    response = client.get("/inloggen/digid/", {"next": "/mijn/"})
    assert response.status_code == 503
    assert "niet bereikbaar" in response.content.decode()


def test_logout_ends_the_portal_and_the_digid_session(client, log_in):
    log_in()
    response = client.post("/uitloggen/")
    assert response.status_code == 302
    end_session = response["Location"]
    assert end_session.startswith("http://testserver/test-idp/logout/")
    assert "id_token_hint=" in end_session
    assert not _logged_in_resident(client)
    back = client.get(end_session.removeprefix("http://testserver"))
    assert back["Location"] == "http://testserver/uitgelogd/"
    assert client.cookies["stand_in_idp"].value == ""
    # A second login asks the resident again.
    assert client.get(start_login(client))["Location"].startswith("/test-idp/inloggen/")


def test_logout_only_by_post(client, log_in):
    log_in()
    assert client.get("/uitloggen/").status_code == 405
    assert _logged_in_resident(client)


def test_the_idp_returns_only_to_registered_logout_addresses(client, idp):
    response = client.get(
        "/test-idp/logout/",
        {"client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": "https://evil.example/"},
    )
    assert response.status_code == 200
    assert "uitgelogd bij DigiD" in response.content.decode()


def test_an_anonymous_visitor_is_asked_to_log_in_and_comes_back(client, db):
    response = client.get("/mijn/")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/?next=%2Fmijn%2F"
    page = client.get(response["Location"]).content.decode()
    assert "Inloggen met DigiD" in page
    assert "/inloggen/digid/?next=%2Fmijn%2F" in page


def test_the_login_page_ignores_foreign_next_addresses(client, db):
    page = BeautifulSoup(client.get("/inloggen/", {"next": "https://evil.example/steal"}).content, "html.parser")
    digid = page.find("a", class_="loket-digid-button")["href"]
    assert "evil.example" not in digid
    assert "next=%2Fmijn%2F" in digid


def test_residents_never_reach_the_editor(client, log_in):
    log_in()
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cms/login/")


@pytest.mark.parametrize("bsn", ["123456789", "12345678", "1234567890", "abcdefghi", "", " " * 9, "9" * 10_000])
def test_the_stand_in_rejects_a_bad_bsn_clearly(client, idp, bsn):
    authorize = start_login(client)
    login_page = client.get(authorize)["Location"]
    response = client.post(login_page, {"bsn": bsn, "acr": loa.MIDDEN})
    assert response.status_code == 400
    assert "stand_in_idp" not in client.cookies or client.cookies["stand_in_idp"].value == ""
    html = response.content.decode()
    assert "Er is een probleem" in html


def test_the_stand_in_login_page_needs_a_portal_request(client, idp):
    response = client.post("/test-idp/inloggen/?next=https://evil.example/", {"bsn": BSN, "acr": loa.MIDDEN})
    assert response.status_code == 400
    assert "alleen inloggen vanuit de website" in response.content.decode()


def test_no_bsn_in_the_portals_template_contexts_during_a_login(client, idp):
    """The portal side of the flow; the stand-in IdP itself shows fictional BSNs on its persona page by design."""
    from django.test.signals import template_rendered

    rendered = []

    def capture(sender, template, context, **kwargs):
        rendered.append(repr([{key: repr(value) for key, value in layer.items()} for layer in context.dicts]))

    template_rendered.connect(capture)
    try:
        callback = login_at_idp(client, start_login(client))
        client.get(callback)
        client.get("/mijn/")
        client.post("/uitloggen/")
    finally:
        template_rendered.disconnect(capture)
    assert rendered, "templates were rendered"
    assert not any(BSN in context for context in rendered)


def _key_fetches(idp) -> int:
    return sum(1 for path in idp.calls if path.endswith("/jwks.json"))


def test_the_provider_s_keys_are_fetched_once_for_many_logins(client, log_in, idp):
    for _login in range(3):
        log_in()
        assert _logged_in_resident(client)
        client.post("/uitloggen/")
    assert _key_fetches(idp) == 1, "one fetch, then the cached keys"


def test_a_key_the_cache_does_not_know_fetches_the_keys_again(client, idp, log_in):
    """The provider rotated its keys: the token names a key the cached set lacks; one fresh fetch finds it."""
    from django.core.cache import cache

    from auth.oidc import provider_metadata

    log_in()
    client.post("/uitloggen/")
    cache.set(f"loket:oidc-jwks:{provider_metadata()['jwks_uri']}", [{"kty": "RSA", "kid": "old", "alg": "RS256"}])
    before = _key_fetches(idp)
    log_in()
    assert _logged_in_resident(client), "the fresh keys have the token's key"
    assert _key_fetches(idp) == before + 1


def test_two_first_logins_at_once_find_one_account(db, monkeypatch):
    """The other login created the account between this one's lookup and its insert: found, not an error (seen
    under load as a 500 at the stand-in's login)."""
    from django.db.models import QuerySet

    other = resident_get_or_create(bsn=BSN)
    first = QuerySet.first
    looked = []

    def not_yet_there(queryset):
        if queryset.model is get_user_model() and not looked:
            looked.append(True)
            return None
        return first(queryset)

    monkeypatch.setattr(QuerySet, "first", not_yet_there)
    assert resident_get_or_create(bsn=BSN) == other
    assert looked and get_user_model().objects.filter(bsn_digest=bsn_digest(BSN)).count() == 1


def _language(client) -> str:
    return BeautifulSoup(client.get("/mijn/").content, "html.parser").html["lang"]


def test_the_account_remembers_the_language_for_the_next_login_on_another_device(client, log_in, django_user_model):
    log_in()
    assert _language(client) == "nl"
    client.post("/taal/", {"language": "en", "next": "/mijn/"})
    assert _language(client) == "en"
    resident = django_user_model.objects.get(bsn_digest=bsn_digest(BSN))
    assert resident.language == "en"

    client.post("/uitloggen/")
    client.cookies.clear()  # another device: no language cookie, no session
    response = log_in()
    assert response.cookies["django_language"].value == "en"
    assert response.cookies["django_language"]["httponly"] and response.cookies["django_language"]["samesite"] == "Lax"
    assert _language(client) == "en"

    # Chosen on the device before logging in: the account follows the latest choice.
    client.post("/uitloggen/")
    client.post("/taal/", {"language": "nl", "next": "/"})
    assert django_user_model.objects.get(pk=resident.pk).language == "en", "an anonymous switch touches no account"
    response = log_in()
    assert "django_language" not in response.cookies, "the device's own choice stands"
    assert django_user_model.objects.get(pk=resident.pk).language == "nl"
    assert _language(client) == "nl"


def test_a_language_the_site_does_not_have_is_not_remembered(client, log_in, django_user_model):
    from auth.services import account_language_set

    log_in()
    resident = django_user_model.objects.get(bsn_digest=bsn_digest(BSN))
    for language in ("xx", "", "EN", None):
        with pytest.raises(ValueError, match="not a language of this site"):
            account_language_set(user=resident, language=language)
    for language in ("xx", "", "en<script>", "e" * 500):
        client.post("/taal/", {"language": language, "next": "/mijn/"})
        client.cookies["django_language"] = language
        assert django_user_model.objects.get(bsn_digest=bsn_digest(BSN)).language == ""
    client.post("/uitloggen/")
    client.cookies.clear()
    client.cookies["django_language"] = "xx"  # a device with a cookie the site does not know
    assert "django_language" not in log_in().cookies
    assert django_user_model.objects.get(bsn_digest=bsn_digest(BSN)).language == ""
    assert _language(client) == "nl"
