"""Digits are ASCII once read. People type numbers on full-width keyboards (U+FF10-FF19) or in Arabic-Indic
digits (U+0660-0669); kept as typed, the same BSN would become a second identity, and a partner's BSN
would never match their DigiD. Everything that reads a number passes it through here first."""

import unicodedata


def ascii_digits(text: str) -> str:
    """Compatibility forms folded (NFKC: full-width letters and digits, ligatures), then every other decimal digit
    of any script written as its ASCII digit. Other characters are left alone for the caller's own check."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in folded)
