"""The authentication context of what someone sends: by which means and at which level they logged in, for whom,
and who acted. Shaped after the Dutch "authenticatiecontext" data model (specs/authentication-context-schema.json),
which the ZGW Zaken API carries on an initiator's role.

What is stored with a record (`for_request`) holds no BSN: the person is the record's resident, whose BSN is kept
encrypted; `document` puts it in only when the context is sent on."""

from auth import eherkenning
from auth.backends import SESSION_LOA


def for_request(request) -> dict:
    """What to store with a record made in this request (empty: nobody logged in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    level = request.session.get(SESSION_LOA, "")
    if getattr(user, "is_business", False):
        login = eherkenning.login_context(request)
        return {
            "source": eherkenning.EHERKENNING,
            "loa": level,
            "acting_subject": login.get("acting_subject", ""),
            "branch_number": login.get("branch_number", ""),
        }
    if getattr(user, "is_resident", False):
        return {"source": eherkenning.DIGID, "loa": level}
    return {}


def document(stored: dict, party) -> dict | None:
    """The authenticatiecontext document for a record stored with `stored` for `party` (its resident or business);
    None when the record was made without a login."""
    source = stored.get("source")
    if source == eherkenning.DIGID and getattr(party, "is_resident", False):
        return {
            "source": "digid",
            "levelOfAssurance": stored["loa"],
            "authorizee": {"legalSubject": {"identifierType": "bsn", "identifier": party.bsn}},
        }
    if source == eherkenning.EHERKENNING and getattr(party, "is_business", False):
        company = {"identifierType": "kvkNummer", "identifier": party.kvk_number}
        if stored.get("branch_number"):
            company["branchNumber"] = stored["branch_number"]
        return {
            "source": "eherkenning",
            "levelOfAssurance": stored["loa"],
            "authorizee": {
                "legalSubject": company,
                "actingSubject": {"identifierType": "opaque", "identifier": stored["acting_subject"]},
            },
        }
    return None
