"""Staff filling in a form for a resident, at the counter or on the phone (KCC), without pretending the resident
logged in. A staff member with the permission looks the resident up by BSN in the BRP (the purpose recorded in the
access log), and for the rest of the session the forms they open are filled in for that resident: prefilled from
the resident's registry data, stored as the resident's submission, and recorded as sent by this employee through
this channel (`Submission.auth_context` source "staff"). The resident reads in Mijn Loket that the municipality
filled it in for them, and how."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from auth.services import resident_get_or_create
from portal.core.models import audit, audit_lookup
from portal.registries.brp import BrpClient

SESSION = "loket_assist"
PERMISSION = "forms_engine.assist_resident"
# A counter conversation, not a working day: after this the employee looks the resident up again.
LASTS = timedelta(hours=1)
CHANNELS = [("counter", _("aan de balie")), ("phone", _("aan de telefoon"))]  # as Case.Channel


class UnknownResident(Exception):
    """The BRP knows no living person with this BSN."""


@dataclass(frozen=True)
class Assist:
    resident: object
    name: str
    channel: str
    purpose: str

    @property
    def channel_label(self) -> str:
        return str(dict(CHANNELS)[self.channel])


def may_assist(user) -> bool:
    """Staff with the permission who confirmed their second factor in this session (django-otp's is_verified)."""
    verified = getattr(user, "is_verified", None)
    return bool(user.is_authenticated and verified is not None and verified() and user.has_perm(PERMISSION))


def start(request, *, bsn: str, channel: str, purpose: str) -> Assist:
    """Look the resident up in the BRP and fill in forms for them from now on in this session."""
    person = BrpClient().person(bsn)
    if person is None:
        raise UnknownResident
    resident = resident_get_or_create(bsn=bsn)
    audit_lookup(resident=resident, registries=["BRP"], action="lookup_assist", context=purpose)
    audit(user=request.user, action="assist_resident", obj=resident, context=f"{channel}: {purpose}", subject=resident)
    request.session[SESSION] = {
        "id": resident.pk,
        "name": person.full_name,
        "channel": channel,
        "purpose": purpose[:200],
        "until": (timezone.now() + LASTS).isoformat(),
    }
    return current(request)


def current(request) -> Assist | None:
    """The resident this staff member is filling in for, or None (not assisting, expired, or no longer allowed)."""
    stored = request.session.get(SESSION) if hasattr(request, "session") else None
    if not stored:
        return None
    user = getattr(request, "user", None)
    still = (
        user is not None
        and may_assist(user)
        and timezone.now() < datetime.fromisoformat(stored["until"])
        and (resident := get_user_model().objects.filter(pk=stored["id"], is_active=True).first()) is not None
    )
    if not still:
        request.session.pop(SESSION, None)
        return None
    return Assist(resident=resident, name=stored["name"], channel=stored["channel"], purpose=stored["purpose"])


def stop(request) -> None:
    request.session.pop(SESSION, None)


def auth_context(request, assist: Assist) -> dict:
    """What a submission made this way records: the employee and the channel, never a login of the resident."""
    return {"source": "staff", "channel": assist.channel, "employee": request.user.username}
