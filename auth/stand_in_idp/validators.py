import hashlib
import hmac

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator

from auth.stand_in_idp.models import Authentication


class StandInValidator(OAuth2Validator):
    """django-oauth-toolkit's validator, plus what DigiD brokers put in an ID token: a pairwise `sub`, the `bsn`
    and the level of assurance (`acr`) the person logged in with, and the time they did."""

    # Every claim goes out with the `openid` scope, as DigiD brokers do.
    oidc_claim_scope = None

    def save_authorization_code(self, client_id, code, request, *args, **kwargs):
        super().save_authorization_code(client_id, code, request, *args, **kwargs)
        Authentication.objects.create(
            code=code["code"], acr=request.loket_acr, authenticated_at=request.loket_authenticated_at
        )

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        if not super().validate_code(client_id, code, client, request, *args, **kwargs):
            return False
        authentication = Authentication.objects.filter(code=code).first()
        if authentication is None:
            return False
        request.loket_authentication = authentication
        return True

    def invalidate_authorization_code(self, client_id, code, request, *args, **kwargs):
        super().invalidate_authorization_code(client_id, code, request, *args, **kwargs)
        Authentication.objects.filter(code=code).delete()

    def get_additional_claims(self, request):
        client_id = request.client.client_id
        pairwise = hmac.new(settings.SECRET_KEY.encode(), f"{client_id}:{request.user.bsn}".encode(), hashlib.sha256)
        claims = {"sub": pairwise.hexdigest(), "bsn": request.user.bsn}
        # Only the token endpoint knows the login behind a code; the userinfo endpoint answers without `acr`.
        authentication = getattr(request, "loket_authentication", None)
        if authentication is not None:
            claims["acr"] = authentication.acr
        return claims

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        claims["auth_time"] = int(request.loket_authentication.authenticated_at.timestamp())
        return claims, expiration
