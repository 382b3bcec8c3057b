"""Staff filling in a form for a resident, at the counter or on the phone (KCC), without pretending the resident
logged in. A staff member with the permission looks the resident up by BSN in the BRP (the purpose recorded in the
access log), and for the rest of the session the forms they open are filled in for that resident: prefilled from
the resident's registry data, stored as the resident's submission, and recorded as sent by this employee through
this channel (`Submission.auth_context` source "staff"). The resident reads in Mijn Loket that the municipality
filled it in for them, and how."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from auth.services import resident_get_or_create
from forms_engine.models import Draft
from portal.core.models import audit, audit_lookup
from portal.registries.brp import BrpClient

SESSION = "loket_assist"
PERMISSION = "forms_engine.assist_resident"
# A counter conversation, not a working day: after this the employee looks the resident up again.
LASTS = timedelta(hours=1)
CHANNELS = [("counter", _("aan de balie")), ("phone", _("aan de telefoon"))]  # as Case.Channel


class UnknownResident(Exception):
    """The BRP knows no living person with this BSN."""


class UnknownCode(Exception):
    """No draft is waiting with this hand-over code (mistyped, used, or expired)."""


# No 0/O, 1/I/L: read out over the phone or from a screen at the counter without doubt.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def handover_code(draft) -> str:
    """Give the resident a code for their draft that staff type to finish it for them; a new code replaces the
    old one. Six characters: about 900 million codes, only ever typed by staff who are logged in."""
    for _attempt in range(5):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        try:
            with transaction.atomic():
                Draft.objects.filter(pk=draft.pk).update(handover_code=code)
        except IntegrityError:
            continue
        draft.handover_code = code
        return code
    raise RuntimeError("no free hand-over code after 5 attempts")


def draft_by_code(code: str):
    """The resident's draft waiting with this code (as typed: spaces, dashes and case do not matter)."""
    cleaned = "".join(char for char in code.upper() if char.isalnum())
    draft = (
        Draft.objects.filter(handover_code=cleaned, expires_at__gt=timezone.now(), resident__bsn_digest__isnull=False)
        .select_related("form", "resident")
        .first()
        if len(cleaned) == 6
        else None
    )
    if draft is None:
        raise UnknownCode
    return draft


def take_over(request, draft) -> None:
    """The draft's answers into this staff session's wizard, where the resident left off. The code is used up in
    one conditional update, so of two employees typing it at once only one gets the draft."""
    if not Draft.objects.filter(pk=draft.pk, handover_code=draft.handover_code).update(handover_code=None):
        raise UnknownCode
    request.session[f"wizard_loket_form_{draft.form_id}"] = draft.state


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
