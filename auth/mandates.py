"""On what ground someone acts for another person: the authenticatiecontext's mandate. Empty: for themselves.

Two grounds come with the login itself, from the identity provider, for one service at a time:
- DigiD Machtigen: a resident logs in with their own DigiD for someone who authorised them in Logius' register for
  this service. The broker's ID token carries both BSNs and the service.
- eHerkenning bewindvoering: an organisation (or a professional) logs in with eHerkenning for a client under
  bewindvoering, curatele or mentorschap. The token carries the eHerkenning claims, the client's BSN, the service
  and the role the court gave.
The claim names are those brokers (Keycloak, Signicat) are commonly set up with; a broker that names them otherwise is
mapped to these in its claim configuration."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Mandate(models.TextChoices):
    PARENTAL = "ouderlijk_gezag", _("ouderlijk gezag")
    DIGID_MACHTIGEN = "digid_machtigen", _("DigiD Machtigen")
    BEWINDVOERING = "bewindvoerder", _("bewindvoering")
    CURATELE = "curator", _("curatele")
    MENTORSCHAP = "mentor", _("mentorschap")
    STAFF = "medewerker", _("door de gemeente, voor de inwoner")


# The roles of eHerkenning bewindvoering (the authenticatiecontext's `mandate.role`).
ROLES = (Mandate.BEWINDVOERING, Mandate.CURATELE, Mandate.MENTORSCHAP)
# Mandates that come with the login, bound to one service.
FROM_LOGIN = (Mandate.DIGID_MACHTIGEN, *ROLES)

# DigiD Machtigen: the representee (vertegenwoordigde) and the authorizee (gemachtigde), each `{"bsn": …}`.
MACHTIGEN_REPRESENTEE = "aanvrager"
MACHTIGEN_AUTHORIZEE = "gemachtigde"
MACHTIGEN_SERVICE = "urn:nl-eid-gdi:1.0:ServiceUUID"
# eHerkenning bewindvoering, beside the eHerkenning claims (auth/eherkenning.py).
EH_REPRESENTEE = "urn:etoegang:1.9:EntityConcernedID:BSN"
EH_SERVICE_ID = "urn:etoegang:core:ServiceID"
EH_SERVICE_UUID = "urn:etoegang:core:ServiceUUID"
EH_ROLE = "mandate_role"
MANDATE_CLAIMS = (MACHTIGEN_REPRESENTEE, MACHTIGEN_AUTHORIZEE, MACHTIGEN_SERVICE, EH_REPRESENTEE, EH_SERVICE_UUID)

# What the portal keeps while a login with a mandate is under way: the service it was asked for.
SESSION_SERVICE = "loket_mandate_service"


def service_uuid(value) -> str:
    """A ServiceUUID (of a login for someone else) in its canonical form; empty when `value` is not one."""
    try:
        return str(uuid.UUID(value)) if isinstance(value, str) and len(value) <= 64 else ""
    except ValueError:
        return ""
