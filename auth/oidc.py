"""The identity provider's metadata, read from its discovery document, so that a real DigiD broker replaces
the stand-in by setting OIDC_ISSUER, OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET alone."""

import logging

import requests
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)
_CACHE_SECONDS = 300
REQUIRED = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")


class ProviderUnavailable(Exception):
    """The identity provider cannot be reached or describes itself wrongly."""


def provider_metadata() -> dict:
    cache_key = f"loket:oidc-discovery:{settings.OIDC_ISSUER}"
    metadata = cache.get(cache_key)
    if metadata is not None:
        return metadata
    url = f"{settings.OIDC_ISSUER}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError) as error:
        logger.warning("identity provider discovery failed: %s", type(error).__name__)
        raise ProviderUnavailable from error
    if not isinstance(metadata, dict) or any(not metadata.get(key) for key in REQUIRED):
        raise ProviderUnavailable("discovery document lacks required endpoints")
    if metadata["issuer"] != settings.OIDC_ISSUER:
        logger.error("identity provider discovery: issuer does not match OIDC_ISSUER")
        raise ProviderUnavailable("issuer mismatch")
    cache.set(cache_key, metadata, _CACHE_SECONDS)
    return metadata
