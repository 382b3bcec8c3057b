"""Personal data out of free text: residents' comments are stored and shown with BSNs, IBANs, e-mail addresses and
phone numbers replaced by a label, so a comment read by staff or counted in open data names no one."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from localflavor.generic.validators import IBANValidator
from localflavor.nl.validators import NLBSNFieldValidator

# The 11-check (elfproef) and the IBAN's mod-97 check, as the forms use them.
_validate_bsn = NLBSNFieldValidator()
_validate_iban = IBANValidator()

# Nine digits, optionally grouped as 1234.56.789 or 123 456 789; only those passing the 11-check are BSNs.
_BSN = re.compile(r"(?<![\d.])(\d{4}[. ]?\d{2}[. ]?\d{3}|\d{3}[. ]\d{3}[. ]\d{3})(?![\d])")
# Two letters, two check digits, then 10-30 letters and digits, optionally in groups of four.
_IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b", re.IGNORECASE)
_DUTCH_IBAN = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Dutch numbers: 06 12345678, 020-1234567, +31 6 1234 5678, 0031 20 123 4567.
_PHONE = re.compile(r"(?<![\w+])(?:\+31|0031|0)[ -]?\(?0?\)?[1-9](?:[ -]?\d){8}(?!\d)")


def _passes(validator, value: str) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


def _looks_like_iban(text: str) -> bool:
    """A valid IBAN, or a Dutch one mistyped (NL, two digits, a bank code, ten digits): masked either way."""
    compact = text.replace(" ", "").upper()
    return _passes(_validate_iban, compact) or bool(_DUTCH_IBAN.fullmatch(compact))


def mask_personal_data(text: str) -> str:
    """`text` with every e-mail address, IBAN, phone number and BSN replaced by what it was, in brackets."""
    text = _EMAIL.sub(lambda _m: "[" + _("e-mailadres") + "]", text)
    text = _IBAN.sub(lambda m: "[" + _("IBAN") + "]" if _looks_like_iban(m.group(1)) else m.group(0), text)
    text = _PHONE.sub(lambda _m: "[" + _("telefoonnummer") + "]", text)

    def bsn(match: re.Match) -> str:
        return "[" + _("BSN") + "]" if _passes(_validate_bsn, re.sub(r"\D", "", match.group(1))) else match.group(0)

    return _BSN.sub(bsn, text)
