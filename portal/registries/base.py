"""What every registry client shares: base URL and API key from settings, a timeout, retries on 5xx and
timeouts, a short cache, and one exception for 'the registry cannot answer now' that callers turn into a
friendly fallback. Nothing personal is logged and no BSN goes into a URL or cache key."""

import hashlib
import json
import logging
import time

import requests
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger("portal.registries")


class RegistryUnavailable(Exception):
    """The registry did not answer usefully: down, slow, erroring or speaking nonsense."""

    def __init__(self, registry: str, reason: str):
        super().__init__(f"{registry}: {reason}")
        self.registry = registry
        self.reason = reason


class InvalidQuery(ValueError):
    """The question itself is wrong (e.g. a malformed postcode); asking the registry would not help."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class RegistryClient:
    name = "registry"
    url_setting = ""
    api_key_setting = "LOKET_REGISTRY_API_KEY"
    api_key_header = "X-Api-Key"

    def __init__(self, *, base_url: str | None = None, api_key: str | None = None):
        self.base_url = (base_url or getattr(settings, self.url_setting)).rstrip("/")
        self.api_key = getattr(settings, self.api_key_setting) if api_key is None else api_key
        self.timeout = settings.REGISTRY_TIMEOUT_SECONDS
        self.retries = settings.REGISTRY_RETRIES
        self.session = requests.Session()

    def _cache_key(self, method: str, path: str, payload) -> str:
        # Hashed: the payload can hold a BSN, which must not end up in Redis keys in the clear.
        material = json.dumps([self.base_url, method, path, payload], sort_keys=True, default=str)
        return f"loket:registry:{self.name}:{hashlib.sha256(material.encode()).hexdigest()}"

    def _call(self, method: str, path: str, *, json_body=None, params=None, not_found=False):
        """The registry's JSON answer. With `not_found`, a 404 means "no such thing" and answers None instead of
        raising (registries that look things up by path, such as the KvK's)."""
        key = self._cache_key(method, path, json_body if json_body is not None else params)
        cached = cache.get(key)
        if cached is not None:
            return cached
        headers = {self.api_key_header: self.api_key, "Accept": "application/json"}
        reason = "no attempt"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(settings.REGISTRY_RETRY_BACKOFF_SECONDS * 2 ** (attempt - 1))
            try:
                response = self.session.request(
                    method,
                    f"{self.base_url}{path}",
                    json=json_body,
                    params=params,
                    headers=headers,
                    timeout=self.timeout,
                )
            except requests.Timeout:
                reason = "timeout"
                continue
            except requests.RequestException as error:
                reason = type(error).__name__
                continue
            if response.status_code >= 500:
                reason = f"status {response.status_code}"
                continue
            if response.status_code == 404 and not_found:
                return None
            if response.status_code != 200:
                # A 4xx is our mistake or a refused key: retrying will not change it.
                reason = f"status {response.status_code}"
                break
            try:
                data = response.json()
            except ValueError:
                reason = "malformed JSON"
                break
            if not isinstance(data, dict):
                reason = "unexpected answer"
                break
            cache.set(key, data, settings.REGISTRY_CACHE_SECONDS)
            return data
        logger.warning("registry unavailable", extra={"registry": self.name, "reason": reason})
        raise RegistryUnavailable(self.name, reason)
