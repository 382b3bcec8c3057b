import logging
import time

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation, ValidationError
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from auth import loa
from auth.oidc import ProviderUnavailable, provider_metadata, signing_keys
from auth.services import resident_get_or_create, resident_reopen
from portal.core.prepared import prepared

logger = logging.getLogger(__name__)
SESSION_LOA = "loket_loa"
CLOCK_SKEW_SECONDS = 60


@prepared(user_id=int)
def _active_user(user_id):
    return get_user_model().objects.filter(pk=user_id, is_active=True)[:1]


class DigiDBackend(OIDCAuthenticationBackend):
    """Maps a verified DigiD ID token to a resident, by the `bsn` claim.

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
        # The ID token is verified; the claims DigiD brokers send are in it, no userinfo call is needed.
        acr = payload.get("acr", "")
        if not loa.is_known(acr):
            raise SuspiciousOperation("ID token has no known level of assurance")
        bsn = payload.get("bsn")
        if not bsn:
            raise SuspiciousOperation("ID token has no bsn claim")
        try:
            resident = resident_get_or_create(bsn=str(bsn))
        except ValidationError:
            raise SuspiciousOperation("ID token has an invalid bsn claim") from None
        resident_reopen(resident)
        self.request.session[SESSION_LOA] = acr
        return resident

    def get_user(self, user_id):
        # Asked on every request of a logged-in resident, so prepared (compiled once per connection).
        users = _active_user(user_id=user_id)
        return users[0] if users else None
