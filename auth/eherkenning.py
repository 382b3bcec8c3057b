"""eHerkenning as an OIDC broker passes it on: the claims are named after the eToegang attributes (as brokers
such as Keycloak or Signicat forward them), the level of assurance is the `acr`."""

NAME_QUALIFIER = "namequalifier"
KVK_QUALIFIER = "urn:etoegang:1.9:EntityConcernedID:KvKnr"
LEGAL_SUBJECT = "urn:etoegang:core:LegalSubjectID"
ACTING_SUBJECT = "urn:etoegang:core:ActingSubjectID"
BRANCH = "urn:etoegang:1.9:ServiceRestriction:Vestigingsnr"

# What the portal keeps of an eHerkenning login in the session (the level is in SESSION_LOA, as for DigiD).
SESSION = "loket_eherkenning"
# Which means the login that is under way was started with: the callback accepts only an ID token of that means.
SESSION_MEANS = "loket_login_means"
DIGID, EHERKENNING = "digid", "eherkenning"
# Logins with a mandate for one service (auth/mandates.py): a resident for someone who authorised them, an
# organisation for a client under bewindvoering.
MACHTIGEN, BEWINDVOERING = "digid_machtigen", "eherkenning_bewindvoering"


def login_context(request) -> dict:
    """What the session keeps of the business's eHerkenning login: the employee's pseudonym, the branch (empty:
    the whole company) and, once asked of the KvK, the company's name."""
    return request.session.get(SESSION) or {}


def company_name(request) -> str:
    """The company's name from the KvK Handelsregister, asked once per login; empty when the register cannot say."""
    from portal.registries.base import RegistryUnavailable
    from portal.registries.kvk import KvkClient

    stored = login_context(request)
    if "name" not in stored:
        try:
            company = KvkClient().company(request.user.kvk_number)
        except RegistryUnavailable:
            return ""  # asked again on the next page
        stored = {**stored, "name": company.name if company is not None else ""}
        request.session[SESSION] = stored
    return stored["name"]
