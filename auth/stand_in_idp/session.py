"""The stand-in's own login session: a signed cookie scoped to /test-idp/, apart from the portal's session,
as a real identity provider on its own domain would keep it."""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import Q
from django.utils import timezone

COOKIE = "stand_in_idp"
PATH = "/test-idp/"
MAX_AGE = 8 * 60 * 60
_SALT = "loket.stand_in_idp.session"


@dataclass(frozen=True)
class IdpSession:
    user_id: int
    acr: str
    authenticated_at: datetime
    # An eHerkenning login: the company's account is `user_id`; who logged in for it is a pseudonym.
    branch_number: str = ""
    acting_subject: str = ""
    # Logged in for someone else (DigiD Machtigen, eHerkenning bewindvoering): whom, on what ground, for which service.
    representee_bsn: str = ""
    mandate: str = ""
    service: str = ""

    @property
    def is_eherkenning(self) -> bool:
        return bool(self.acting_subject)

    @property
    def user(self):
        # DigiD knows people, not Loket accounts: one who closed their Loket account can still log in with DigiD.
        people = get_user_model().objects.filter(Q(is_active=True) | Q(closed_at__isnull=False))
        return people.filter(pk=self.user_id).first()


def read(request) -> IdpSession | None:
    try:
        data = signing.loads(request.COOKIES.get(COOKIE, ""), salt=_SALT, max_age=MAX_AGE)
        return IdpSession(
            data["u"],
            data["acr"],
            datetime.fromtimestamp(data["at"], tz=UTC),
            data.get("b", ""),
            data.get("as", ""),
            data.get("r", ""),
            data.get("m", ""),
            data.get("s", ""),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def write(
    response,
    *,
    user_id: int,
    acr: str,
    branch_number: str = "",
    acting_subject: str = "",
    representee_bsn: str = "",
    mandate: str = "",
    service: str = "",
    authenticated_at: int | None = None,
) -> None:
    at = authenticated_at if authenticated_at is not None else int(timezone.now().timestamp())
    data = {"u": user_id, "acr": acr, "at": at}
    if acting_subject:
        data |= {"b": branch_number, "as": acting_subject}
    if representee_bsn:
        data |= {"r": representee_bsn, "m": mandate, "s": service}
    value = signing.dumps(data, salt=_SALT)
    response.set_cookie(COOKIE, value, max_age=MAX_AGE, path=PATH, httponly=True, samesite="Lax", secure=False)


def clear(response) -> None:
    response.delete_cookie(COOKIE, path=PATH, samesite="Lax")
