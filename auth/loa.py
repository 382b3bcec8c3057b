"""DigiD levels of assurance, as `acr` values in the ID token (the SAML AuthnContextClassRefs DigiD uses,
which OIDC brokers pass on), from low to high."""

from django.utils.translation import gettext_lazy as _

BASIS = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
SUBSTANTIEEL = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"
HOOG = "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI"

LEVELS = [
    (BASIS, _("DigiD Basis (gebruikersnaam en wachtwoord)")),
    (MIDDEN, _("DigiD Midden (met sms-controle of de DigiD app)")),
    (SUBSTANTIEEL, _("DigiD Substantieel (DigiD app met identiteitsbewijs)")),
    (HOOG, _("DigiD Hoog (identiteitsbewijs met chip)")),
]
_RANK = {acr: rank for rank, (acr, _label) in enumerate(LEVELS)}


def is_known(acr: str) -> bool:
    return acr in _RANK


def satisfies(acr: str, required: str) -> bool:
    """Whether a login at level `acr` is enough for something that requires `required`."""
    return is_known(acr) and _RANK[acr] >= _RANK[required]


def label(acr: str) -> str:
    return dict(LEVELS).get(acr, "")
