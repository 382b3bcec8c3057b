import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from localflavor.nl.validators import NLBSNFieldValidator

from portal.core.crypto import bsn_digest, encrypt
from portal.core.digits import ascii_digits

_validate_bsn = NLBSNFieldValidator()


def validate_bsn(bsn: str) -> str:
    """Nine digits that pass the 11-check, or a ValidationError that does not repeat the input."""
    value = ascii_digits(bsn or "").strip()
    try:
        _validate_bsn(value)
    except ValidationError:
        raise ValidationError(_("Dit is geen geldig burgerservicenummer."), code="invalid_bsn") from None
    return value


def _account_get_or_create(*, username: str, identity: dict, **fields):
    """The account with this identity (a unique field), created on first sight without a password."""
    User = get_user_model()
    account = User.objects.filter(**identity).first()
    if account is not None:
        return account
    try:
        with transaction.atomic():
            account = User(username=username, **identity, **fields)
            account.set_unusable_password()
            # Uniqueness is the database's to decide: a check here would see a concurrent first login's row and
            # fail instead of finding it below.
            account.full_clean(exclude=["password"], validate_unique=False)
            account.save()
    except IntegrityError:
        # Two first logins at once: the other request created it.
        account = User.objects.get(**identity)
    return account


def resident_get_or_create(*, bsn: str):
    """The resident with this BSN, created on first sight (a login, or staff registering a case for them)."""
    bsn = validate_bsn(bsn)
    digest = bsn_digest(bsn)
    resident = get_user_model().objects.filter(bsn_digest=digest).first()
    if resident is not None:
        return resident  # found without encrypting the BSN again
    return _account_get_or_create(
        username=f"resident-{digest[:24]}", identity={"bsn_digest": digest}, bsn_encrypted=encrypt(bsn)
    )


def validate_kvk_number(value: str) -> str:
    """Eight digits (typed digits of any script count as the digits they are), or a ValidationError."""
    value = ascii_digits(value or "").strip()
    if not re.fullmatch(r"[0-9]{8}", value):
        raise ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."), code="invalid_kvk")
    return value


def company_get_or_create(*, kvk_number: str):
    """The business with this KvK number, created at its first eHerkenning login."""
    kvk_number = validate_kvk_number(kvk_number)
    return _account_get_or_create(username=f"company-{kvk_number}", identity={"kvk_number": kvk_number})


def resident_reopen(resident) -> None:
    """A resident who closed their account logs in with DigiD again: the account is theirs again (with what the
    law made the municipality keep, such as their cases), as a fresh start for everything else."""
    if resident.closed_at is not None:
        get_user_model().objects.filter(pk=resident.pk).update(is_active=True, closed_at=None)
        resident.is_active, resident.closed_at = True, None


def account_language_set(*, user, language: str) -> None:
    """Remember a resident's or business's language on the account (one of LANGUAGES), for their next login."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"not a language of this site: {language!r}")
    if user.language != language:
        get_user_model().objects.filter(pk=user.pk).update(language=language)
        user.language = language
