import hashlib
import hmac

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator

from auth import eherkenning, mandates
from auth.stand_in_idp.models import Authentication


def _pairwise(client_id: str, subject: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{client_id}:{subject}".encode(), hashlib.sha256).hexdigest()


class StandInValidator(OAuth2Validator):
    """django-oauth-toolkit's validator, plus what DigiD and eHerkenning brokers put in an ID token: a pairwise
    `sub`, the `bsn` (DigiD) or the company and the employee's pseudonym (eHerkenning), the level of assurance
    (`acr`) of the login, and the time it happened."""

    # Every claim goes out with the `openid` scope, as DigiD brokers do.
    oidc_claim_scope = None

    def save_authorization_code(self, client_id, code, request, *args, **kwargs):
        super().save_authorization_code(client_id, code, request, *args, **kwargs)
        Authentication.objects.create(
            code=code["code"],
            acr=request.loket_acr,
            authenticated_at=request.loket_authenticated_at,
            branch_number=request.loket_branch_number,
            acting_subject=request.loket_acting_subject,
            representee_bsn=request.loket_representee_bsn,
            mandate=request.loket_mandate,
            service=request.loket_service,
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
        user = request.user
        if user.is_business:
            return self._company_claims(request, client_id, user)
        claims = {"sub": _pairwise(client_id, user.bsn), "bsn": user.bsn}
        # Only the token endpoint knows the login behind a code; the userinfo endpoint answers without `acr`.
        authentication = getattr(request, "loket_authentication", None)
        if authentication is not None:
            claims["acr"] = authentication.acr
            if authentication.representee_bsn:  # DigiD Machtigen: both people and the service, no `bsn` of its own
                del claims["bsn"]
                claims |= {
                    mandates.MACHTIGEN_REPRESENTEE: {"bsn": authentication.representee_bsn},
                    mandates.MACHTIGEN_AUTHORIZEE: {"bsn": user.bsn},
                    mandates.MACHTIGEN_SERVICE: authentication.service,
                }
        return claims

    @staticmethod
    def _company_claims(request, client_id, user) -> dict:
        """An eHerkenning login as brokers pass it on: the company (KvK number, and the branch when the
        authorisation is limited to one) and the employee as a pseudonym specific to this client."""
        claims = {
            "sub": _pairwise(client_id, f"kvk:{user.kvk_number}"),
            eherkenning.NAME_QUALIFIER: eherkenning.KVK_QUALIFIER,
            eherkenning.LEGAL_SUBJECT: user.kvk_number,
        }
        authentication = getattr(request, "loket_authentication", None)
        if authentication is not None:
            claims["acr"] = authentication.acr
            claims[eherkenning.ACTING_SUBJECT] = _pairwise(client_id, authentication.acting_subject)
            if authentication.branch_number:
                claims[eherkenning.BRANCH] = authentication.branch_number
            if authentication.representee_bsn:  # eHerkenning bewindvoering: the client, the role, the service
                from auth.stand_in_idp.views import service_id

                claims |= {
                    mandates.EH_REPRESENTEE: authentication.representee_bsn,
                    mandates.EH_ROLE: authentication.mandate,
                    mandates.EH_SERVICE_UUID: authentication.service,
                    mandates.EH_SERVICE_ID: service_id(authentication.service),
                }
        return claims

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        claims["auth_time"] = int(request.loket_authentication.authenticated_at.timestamp())
        return claims, expiration
