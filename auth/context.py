"""The authentication context of what someone sends: by which means and at which level they logged in, for whom,
and who acted. Shaped after the Dutch "authenticatiecontext" data model (specs/authentication-context-schema.json),
which the ZGW Zaken API carries on an initiator's role.

What is stored with a record (`for_request`) holds no BSN: the person the record is for is its resident, whose BSN
is kept encrypted, and a resident who acted for them is named by their account's UUID; `document` puts the BSNs in
only when the context is sent on."""

from django.contrib.auth import get_user_model

from auth import acting, eherkenning, mandates
from auth.backends import SESSION_LOA


def for_request(request) -> dict:
    """What to store with a record made in this request (empty: nobody logged in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    level = request.session.get(SESSION_LOA, "")
    if getattr(user, "is_business", False):
        login = eherkenning.login_context(request)
        stored = {
            "source": eherkenning.EHERKENNING,
            "loa": level,
            "acting_subject": login.get("acting_subject", ""),
            "branch_number": login.get("branch_number", ""),
        }
        if login.get("service_id"):
            stored["service_id"] = login["service_id"]
    elif getattr(user, "is_resident", False):
        stored = {"source": eherkenning.DIGID, "loa": level}
    else:
        return {}
    on_behalf = acting.acting(request) if acting.SESSION_ACTING in request.session else None
    if on_behalf is not None:
        # Who acted, on what ground; the record's resident is the one acted for.
        stored |= {"mandate": on_behalf.mandate, "service": on_behalf.service}
        if getattr(user, "is_resident", False):
            stored["authorizee"] = str(user.uuid)
        else:
            stored["kvk_number"] = user.kvk_number
    return stored


def _person(bsn: str) -> dict:
    return {"identifierType": "bsn", "identifier": bsn}


def _company(stored: dict, kvk_number: str) -> dict:
    """The authorizee of an eHerkenning login: the company (with the branch it is limited to) and the employee."""
    company = {"identifierType": "kvkNummer", "identifier": kvk_number}
    if stored.get("branch_number"):
        company["branchNumber"] = stored["branch_number"]
    return {
        "legalSubject": company,
        "actingSubject": {"identifierType": "opaque", "identifier": stored["acting_subject"]},
    }


def document(stored: dict, party) -> dict | None:
    """The authenticatiecontext document for a record stored with `stored` for `party` (its resident or business);
    None when the record was made without a login, or on a ground the data model has no place for (a parent
    for a child, staff at the counter)."""
    source, mandate = stored.get("source"), stored.get("mandate", "")
    is_resident = getattr(party, "is_resident", False)
    if source == eherkenning.DIGID and is_resident and not mandate:
        return {
            "source": "digid",
            "levelOfAssurance": stored["loa"],
            "authorizee": {"legalSubject": _person(party.bsn)},
        }
    if source == eherkenning.DIGID and is_resident and mandate == mandates.Mandate.DIGID_MACHTIGEN:
        authorizee = get_user_model().objects.filter(uuid=stored.get("authorizee")).first()
        if authorizee is None or not authorizee.is_resident:
            return None
        return {
            "source": "digid",
            "levelOfAssurance": stored["loa"],
            "representee": _person(party.bsn),
            "authorizee": {"legalSubject": _person(authorizee.bsn)},
            "mandate": {"services": [{"id": stored["service"]}]},
        }
    if source == eherkenning.EHERKENNING and getattr(party, "is_business", False) and not mandate:
        return {
            "source": "eherkenning",
            "levelOfAssurance": stored["loa"],
            "authorizee": _company(stored, party.kvk_number),
        }
    if source == eherkenning.EHERKENNING and is_resident and mandate in mandates.ROLES:
        service = {"id": stored.get("service_id", ""), "uuid": stored["service"]}
        return {
            "source": "eherkenning",
            "levelOfAssurance": stored["loa"],
            "representee": _person(party.bsn),
            "authorizee": _company(stored, stored["kvk_number"]),
            "mandate": {"role": mandate, "services": [service]},
        }
    return None
