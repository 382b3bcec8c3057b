import logging
import re
import time

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation, ValidationError
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from auth import acting, eherkenning, loa, mandates
from auth.oidc import ProviderUnavailable, provider_metadata, signing_keys
from auth.services import company_get_or_create, resident_get_or_create, resident_reopen, validate_bsn
from portal.core.prepared import prepared
from portal.registries.kvk import KVK_NUMBER

logger = logging.getLogger(__name__)
SESSION_LOA = "loket_loa"
_COMPANY_CLAIMS = (eherkenning.LEGAL_SUBJECT, eherkenning.ACTING_SUBJECT, eherkenning.BRANCH)
_BRANCH = re.compile(r"[0-9]{12}")
_BSN = re.compile(r"[0-9]{9}")
_SERVICE_ID = re.compile(r"urn:etoegang:DV:[0-9]{20}:services:[0-9]{1,8}")
CLOCK_SKEW_SECONDS = 60


@prepared(user_id=int)
def _active_user(user_id):
    return get_user_model().objects.filter(pk=user_id, is_active=True)[:1]


class DigiDBackend(OIDCAuthenticationBackend):
    """Maps a verified ID token to a resident by the `bsn` claim (DigiD), or to a business by its KvK number
    (eHerkenning).

    mozilla-django-oidc checks signature, algorithm, expiry and nonce; this adds the issuer, the audience,
    `iat`, a known level of assurance and a valid BSN, and takes the claims from the ID token itself.
    """

    def __init__(self, *args, **kwargs):
        # Endpoints come from discovery when a login happens, not from settings at start-up.
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET:
            return None  # not an OIDC callback: leave it to the next backend
        metadata = provider_metadata()
        self.OIDC_OP_TOKEN_ENDPOINT = metadata["token_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = metadata["jwks_uri"]
        self.issuer = metadata["issuer"]
        return super().authenticate(request, **kwargs)

    def retrieve_matching_jwk(self, token):
        """The key the ID token names (kid) for its algorithm, from the cached key set; a key not in it makes one
        fresh fetch, so a key rotation at the provider is followed at once."""
        header = jwt.get_unverified_header(token)
        for fresh in (False, True):
            try:
                keys = signing_keys(self.OIDC_OP_JWKS_ENDPOINT, fresh=fresh)
            except ProviderUnavailable as error:
                raise SuspiciousOperation("the identity provider's keys could not be read") from error
            for key in keys:
                if key.get("kid") == header.get("kid") and key.get("alg", header.get("alg")) == header.get("alg"):
                    return jwt.PyJWK(key)
        raise SuspiciousOperation("Could not find a valid JWKS.")

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != self.issuer:
            raise SuspiciousOperation("ID token issuer does not match")
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token audience does not match")
        if not isinstance(payload.get("iat"), int) or payload["iat"] > time.time() + CLOCK_SKEW_SECONDS:
            raise SuspiciousOperation("ID token issued in the future")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        # The ID token is verified; the claims DigiD brokers send are in it, no userinfo call is needed. It must be
        # of the means the login was started with: an eHerkenning token never logs in a resident, nor the reverse,
        # and a token with a mandate is accepted only from a login started for one, for that service.
        means = self.request.session.get(eherkenning.SESSION_MEANS)
        if means in (eherkenning.MACHTIGEN, eherkenning.BEWINDVOERING):
            return self._with_mandate(payload, means)
        if any(name in payload for name in mandates.MANDATE_CLAIMS):
            raise SuspiciousOperation("mandate claims in a login without a mandate")
        # A login of one's own ends a mandate an earlier login brought (a parent's choice of a child stays).
        self._end_mandate_from_login()
        if means == eherkenning.EHERKENNING:
            return self._company(payload)
        return self._resident(payload)

    def _resident(self, payload, bsn=None):
        if any(name in payload for name in _COMPANY_CLAIMS):
            raise SuspiciousOperation("DigiD login with eHerkenning claims")
        acr = payload.get("acr", "")
        if not loa.is_known(acr):
            raise SuspiciousOperation("ID token has no known level of assurance")
        bsn = payload.get("bsn") if bsn is None else bsn
        if not bsn:
            raise SuspiciousOperation("ID token has no bsn claim")
        resident = self._person(bsn)
        resident_reopen(resident)
        self.request.session[SESSION_LOA] = acr
        self.request.session.pop(eherkenning.SESSION, None)
        return resident

    @staticmethod
    def _person(bsn):
        try:
            return resident_get_or_create(bsn=str(bsn))
        except ValidationError:
            raise SuspiciousOperation("ID token has an invalid bsn") from None

    def _end_mandate_from_login(self):
        stored = self.request.session.get(acting.SESSION_ACTING) or {}
        if stored.get("mandate") in mandates.FROM_LOGIN:
            acting.stop_acting(self.request)

    def _with_mandate(self, payload, means):
        """DigiD Machtigen (a resident for someone who authorised them) or eHerkenning bewindvoering (an organisation
        for its client): who logged in, for whom, on which ground, for which service. The service must be the one
        the login was asked for; the representee is never the one who acts."""
        expected = self.request.session.get(mandates.SESSION_SERVICE, "")
        if means == eherkenning.MACHTIGEN:
            if "bsn" in payload:
                raise SuspiciousOperation("DigiD Machtigen token with a bsn claim of its own")
            authorizee_bsn = _nested_bsn(payload, mandates.MACHTIGEN_AUTHORIZEE)
            representee_bsn = _nested_bsn(payload, mandates.MACHTIGEN_REPRESENTEE)
            service, mandate = payload.get(mandates.MACHTIGEN_SERVICE), mandates.Mandate.DIGID_MACHTIGEN
            if not authorizee_bsn or not representee_bsn:
                raise SuspiciousOperation("DigiD Machtigen token without representee or authorizee")
            if authorizee_bsn == representee_bsn:
                raise SuspiciousOperation("DigiD Machtigen token that represents oneself")
            authorizee = self._resident(payload, bsn=authorizee_bsn)
        else:
            representee_bsn = payload.get(mandates.EH_REPRESENTEE)
            service, mandate = payload.get(mandates.EH_SERVICE_UUID), payload.get(mandates.EH_ROLE)
            if not isinstance(representee_bsn, str) or not _BSN.fullmatch(representee_bsn):
                raise SuspiciousOperation("eHerkenning bewindvoering token without a representee's BSN")
            if mandate not in mandates.ROLES:
                raise SuspiciousOperation("eHerkenning bewindvoering token without a known role")
            service_id = payload.get(mandates.EH_SERVICE_ID)
            if not isinstance(service_id, str) or not _SERVICE_ID.fullmatch(service_id):
                raise SuspiciousOperation("eHerkenning bewindvoering token without a ServiceID")
            authorizee = self._company(payload)
            self.request.session[eherkenning.SESSION] |= {"service_id": service_id}
        if not expected or service != expected:
            raise SuspiciousOperation("mandate for another service than the one asked for")
        try:
            representee = resident_get_or_create(bsn=validate_bsn(representee_bsn))
        except ValidationError:
            raise SuspiciousOperation("ID token has an invalid representee bsn") from None
        acting.act_by_mandate(
            self.request, authorizee=authorizee, representee=representee, mandate=mandate, service=service
        )
        return authorizee

    def _company(self, payload):
        """An eHerkenning login: the company by its KvK number, the level, the branch when the authorisation is
        limited to one, and the employee's pseudonym (who acted, kept with what they do)."""
        acr = payload.get("acr", "")
        if not loa.is_eherkenning(acr):
            raise SuspiciousOperation("eHerkenning ID token without an accepted level of assurance")
        if "bsn" in payload:
            raise SuspiciousOperation("eHerkenning login with a bsn claim")
        if payload.get(eherkenning.NAME_QUALIFIER, eherkenning.KVK_QUALIFIER) != eherkenning.KVK_QUALIFIER:
            raise SuspiciousOperation("eHerkenning login not identified by a KvK number")
        acting_subject = payload.get(eherkenning.ACTING_SUBJECT)
        if not isinstance(acting_subject, str) or not 0 < len(acting_subject) <= 256:
            raise SuspiciousOperation("eHerkenning ID token has no acting subject")
        branch = payload.get(eherkenning.BRANCH, "")
        if not isinstance(branch, str) or (branch and not _BRANCH.fullmatch(branch)):
            raise SuspiciousOperation("eHerkenning ID token has an invalid branch number")
        kvk_number = payload.get(eherkenning.LEGAL_SUBJECT)
        if not isinstance(kvk_number, str) or not KVK_NUMBER.fullmatch(kvk_number):
            raise SuspiciousOperation("eHerkenning ID token has an invalid KvK number")
        company = company_get_or_create(kvk_number=kvk_number)
        if not company.is_active:
            raise SuspiciousOperation("account blocked")
        self.request.session[SESSION_LOA] = acr
        self.request.session[eherkenning.SESSION] = {"acting_subject": acting_subject, "branch_number": branch}
        return company

    def get_user(self, user_id):
        # Asked on every request of a logged-in resident, so prepared (compiled once per connection).
        users = _active_user(user_id=user_id)
        return users[0] if users else None


def _nested_bsn(payload, claim: str) -> str:
    """A BSN in a claim such as `{"gemachtigde": {"bsn": "…"}}`; empty when it is not there or not a string."""
    value = payload.get(claim)
    bsn = value.get("bsn") if isinstance(value, dict) else None
    return bsn if isinstance(bsn, str) and _BSN.fullmatch(bsn) else ""
