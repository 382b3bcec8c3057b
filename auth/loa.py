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


# eHerkenning levels (afsprakenstelsel eToegang), as the `acr` of an eHerkenning login. Levels 1 and 2 are known
# but no longer accepted by any government service: the minimum is eH2+.
EH1 = "urn:etoegang:core:assurance-class:loa1"
EH2 = "urn:etoegang:core:assurance-class:loa2"
EH2_PLUS = "urn:etoegang:core:assurance-class:loa2plus"
EH3 = "urn:etoegang:core:assurance-class:loa3"
EH4 = "urn:etoegang:core:assurance-class:loa4"
EH_ALL = (EH1, EH2, EH2_PLUS, EH3, EH4)
EH_LEVELS = [
    (EH2_PLUS, _("eHerkenning niveau 2+ (eH2+)")),
    (EH3, _("eHerkenning niveau 3 (eH3)")),
    (EH4, _("eHerkenning niveau 4 (eH4)")),
]
_EH_RANK = {acr: rank for rank, acr in enumerate(EH_ALL)}


def is_eherkenning(acr: str) -> bool:
    """A level an eHerkenning login may carry (eH2+ or higher)."""
    return acr in _EH_RANK and _EH_RANK[acr] >= _EH_RANK[EH2_PLUS]


def eh_satisfies(acr: str, required: str) -> bool:
    return is_eherkenning(acr) and required in _EH_RANK and _EH_RANK[acr] >= _EH_RANK[required]


def eh_label(acr: str) -> str:
    return dict(EH_LEVELS).get(acr, "")
