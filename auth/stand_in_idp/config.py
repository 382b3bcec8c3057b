"""Settings of the stand-in OpenID Provider, for dev.py and test.py to switch it on."""

from pathlib import Path

from auth.stand_in_idp.keys import signing_key_pem

INSTALLED_APPS = ["oauth2_provider", "auth.stand_in_idp"]


def provider_settings(*, issuer: str, private_key_pem: str, var_dir: Path) -> dict:
    return {
        "OIDC_ENABLED": True,
        "OIDC_ISS_ENDPOINT": issuer,
        "OIDC_RSA_PRIVATE_KEY": private_key_pem or signing_key_pem(var_dir / "stand-in-idp-key.pem"),
        "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
        "PKCE_REQUIRED": True,
        "SCOPES": {"openid": "OpenID Connect"},
        "DEFAULT_SCOPES": ["openid"],
        "OAUTH2_VALIDATOR_CLASS": "auth.stand_in_idp.validators.StandInValidator",
        "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
        "ACCESS_TOKEN_EXPIRE_SECONDS": 300,
        "ID_TOKEN_EXPIRE_SECONDS": 300,
    }
