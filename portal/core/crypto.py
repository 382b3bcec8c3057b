"""The BSN is personal data of the highest sensitivity: it is looked up by keyed digest and stored encrypted.

Keys come from settings (`LOKET_BSN_DIGEST_KEY`, `LOKET_FIELD_ENCRYPTION_KEYS`); by default both are derived
from SECRET_KEY with a purpose label, so a fresh installation needs nothing extra. The first encryption key
encrypts; all of them decrypt, which allows rotating keys without rewriting every row at once.
"""

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _derived(purpose: str) -> bytes:
    return hashlib.sha256(f"loket:{purpose}:{settings.SECRET_KEY}".encode()).digest()


def bsn_digest(bsn: str) -> str:
    """A stable, keyed identifier for a BSN: equal BSNs give equal digests, nothing leads back to the BSN."""
    key = (settings.LOKET_BSN_DIGEST_KEY or "").encode() or _derived("bsn-digest")
    return hmac.new(key, bsn.encode(), hashlib.sha256).hexdigest()


@cache
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    material = [key.encode() for key in keys] or [base64.urlsafe_b64encode(_derived("field-encryption"))]
    return MultiFernet([Fernet(key) for key in material])


def encrypt(value: str) -> str:
    return _fernet(tuple(settings.LOKET_FIELD_ENCRYPTION_KEYS), settings.SECRET_KEY).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return (
            _fernet(tuple(settings.LOKET_FIELD_ENCRYPTION_KEYS), settings.SECRET_KEY).decrypt(token.encode()).decode()
        )
    except InvalidToken as error:
        raise ValueError("value cannot be decrypted with the configured keys") from error
