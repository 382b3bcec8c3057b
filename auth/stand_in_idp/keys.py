"""The stand-in's RS256 signing key: from the environment, or generated once into the var folder."""

import os
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def _new_key_pem() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def signing_key_pem(path: Path) -> str:
    """The key at `path`, created atomically if missing, so several web processes starting at once agree."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_new_key_pem())
    # A process that lost the race may read before the winner finished writing; wait for a whole key.
    for _attempt in range(50):
        text = path.read_text()
        if text.rstrip().endswith("-----END PRIVATE KEY-----"):
            return text
        time.sleep(0.05)
    raise RuntimeError(f"incomplete signing key at {path}")


def warm_up() -> None:
    """The signing key read from PEM and made ready to sign (≈ 0.1 s of CPU), once before the web process forks:
    each worker's first token request paid it (portal/core/warmup.py)."""
    from oauth2_provider.settings import oauth2_settings
    from oauth2_provider.utils import jwk_from_pem

    jwk_from_pem(oauth2_settings.OIDC_RSA_PRIVATE_KEY).get_op_key("sign")
