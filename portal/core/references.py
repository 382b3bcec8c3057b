"""Public references residents read out on the phone: random, unguessable, and without characters that look alike."""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U


def random_reference(prefix: str) -> str:
    """E.g. `LK-7Q2M-XH4B`: 8 characters of a 32-letter alphabet (10^12 possibilities)."""
    code = "".join(secrets.choice(ALPHABET) for _i in range(8))
    return f"{prefix}-{code[:4]}-{code[4:]}"
