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


def signing_keys(jwks_uri: str, *, fresh: bool = False) -> list[dict]:
    """The provider's public keys, kept as long as its discovery document: fetching them on every login was a
    round trip to the provider per login (mozilla-django-oidc does so). `fresh` asks again, for a key not yet
    known (the provider rotated its keys)."""
    cache_key = f"loket:oidc-jwks:{jwks_uri}"
    keys = None if fresh else cache.get(cache_key)
    if keys is None:
        try:
            response = requests.get(jwks_uri, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            keys = response.json()["keys"]
        except (requests.RequestException, ValueError, KeyError, TypeError) as error:
            logger.warning("identity provider keys could not be read: %s", type(error).__name__)
            raise ProviderUnavailable from error
        cache.set(cache_key, keys, _CACHE_SECONDS)
    return keys
