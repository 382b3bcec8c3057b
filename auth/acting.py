"""Acting for someone else: a parent for their minor child, on the ground of custody (gezag) in the BRP; and, with
the login itself, a resident authorised through DigiD Machtigen or an organisation under eHerkenning bewindvoering,
for one service (auth/mandates.py).

The logged-in resident stays `request.user` (the authorizee: who acts, named in every record and in the audit log);
the person the pages are about is `subject(request)` (the representee). Nothing done this way looks as if the child
logged in: a booking made for a child has the child as its resident and the parent in `acted_by`.

While acting, only the pages that know about it open (ALLOWED); every other personal page answers with a clear
refusal and a way back (ActingMiddleware). The ground is checked in the BRP when acting starts, and the context
ends by itself on the child's 18th birthday. A mandate from the login opens Mijn Loket's overview and the forms of
its service only (the form checks the service), and ends with the session."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext

from auth.mandates import FROM_LOGIN, Mandate
from auth.services import resident_get_or_create
from portal.core.models import audit, audit_lookup
from portal.registries.base import RegistryUnavailable
from portal.registries.brp import BrpClient, Custody

SESSION_ACTING = "loket_acting"
# The personal parts of the portal (URL namespaces). While acting, only ALLOWED views among them open.
PERSONAL = frozenset(
    {"dashboard", "cases", "inbox", "profile", "appointments", "wedding", "notices", "payments", "reports"}
    | {"forms_engine"}
)
ALLOWED = frozenset(
    {
        # Public, nothing personal in them: the map and list of reports in the neighbourhood.
        "reports:public_list",
        "reports:public_geojson",
        "reports:public_photo",
        "dashboard:overview",
        "appointments:start",
        "appointments:location",
        "appointments:day",
        "appointments:time",
        "appointments:details",
        "appointments:manage",
        "appointments:cancel",
        "appointments:move",
        "appointments:mine",
        # The parent pays the child's appointment in advance (the payment is the child's booking's); the provider
        # sends them back to its page, which checks who asks.
        "appointments:pay",
        "payments:return",
    }
)
# A mandate from the login (DigiD Machtigen, bewindvoering): the overview and the forms of the mandate's service; the
# wizard refuses a form of any other service. No drafts: the mandate is for this session.
ALLOWED_BY_MANDATE = frozenset(
    {
        "reports:public_list",
        "reports:public_geojson",
        "reports:public_photo",
        "dashboard:overview",
        "forms_engine:form",
        "forms_engine:confirmation",
        "forms_engine:session_receipt",
        "payments:return",
    }
)


class NotAllowed(Exception):
    """The resident may not act for this person (no custody, or no longer)."""


@dataclass(frozen=True)
class Acting:
    representee: object  # the User the pages are about
    name: str
    mandate: str
    until: date  # the day it ends (the 18th birthday)
    service: str = ""  # a mandate from the login: the ServiceUUID it is for

    @property
    def from_login(self) -> bool:
        return self.mandate in FROM_LOGIN

    def allows(self, view_name: str) -> bool:
        return view_name in (ALLOWED_BY_MANDATE if self.from_login else ALLOWED)

    @property
    def mandate_label(self) -> str:
        return Mandate(self.mandate).label


def _token(request, bsn: str) -> str:
    """What the page posts to choose a child: no BSN in the page, and valid only in this session."""
    return salted_hmac("loket.acting", f"{request.session.session_key}:{bsn}").hexdigest()[:32]


def minors_in_custody(request) -> list[tuple[Custody, str]]:
    """The minors the logged-in resident holds custody over, each with the token that chooses them. Asks the BRP
    (recorded as a lookup on the resident's behalf)."""
    person = BrpClient().person(request.user.bsn, custody=True)
    audit_lookup(resident=request.user, registries=["BRP"], action="lookup_custody")
    if person is None:
        return []
    return [(custody, _token(request, custody.minor_bsn)) for custody in person.minors_in_custody]


def _eighteenth_birthday(born: date) -> date:
    try:
        return born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February
        return date(born.year + 18, 3, 1)


def act_for_child(request, token: str) -> Acting:
    """Start acting for the child the token names, after checking custody in the BRP again."""
    if request.session.session_key is None or not isinstance(token, str):
        raise NotAllowed
    chosen = next(
        (custody for custody, expected in minors_in_custody(request) if constant_time_compare(token, expected)),
        None,
    )
    if chosen is None:
        raise NotAllowed
    child = BrpClient().person(chosen.minor_bsn)
    if child is None or child.birth_date is None:
        raise NotAllowed
    until = _eighteenth_birthday(child.birth_date)
    if until <= timezone.localdate():
        raise NotAllowed
    representee = resident_get_or_create(bsn=chosen.minor_bsn)
    audit_lookup(resident=representee, registries=["BRP"], action="lookup_custody", by=request.user)
    request.session[SESSION_ACTING] = {
        "id": representee.pk,
        "name": child.full_name or chosen.minor_name,
        "mandate": Mandate.PARENTAL,
        "until": until.isoformat(),
    }
    audit(user=request.user, action="act_for", obj=representee, context=Mandate.PARENTAL, subject=representee)
    _forget(request)  # switching from one child to another: not the context this request began with
    return acting(request)


def act_by_mandate(request, *, authorizee, representee, mandate: str, service: str) -> None:
    """Act for `representee` on the mandate the login brought (checked by the identity provider against its
    register), for `service` only, until the session ends. Called while the login is completed."""
    name = ""
    try:
        person = BrpClient().person(representee.bsn)
    except RegistryUnavailable:
        person = None  # the banner says "namens een ander" until the name is known; the mandate stands
    if person is not None:
        name = person.full_name
        audit_lookup(resident=representee, registries=["BRP"], action="lookup_mandate", by=authorizee)
    request.session[SESSION_ACTING] = {
        "id": representee.pk,
        "name": name,
        "mandate": mandate,
        "until": (timezone.localdate() + timedelta(days=1)).isoformat(),
        "service": service,
    }
    audit(user=authorizee, action="act_for", obj=representee, context=f"{mandate} {service}", subject=representee)
    _forget(request)


def stop_acting(request) -> None:
    request.session.pop(SESSION_ACTING, None)
    _forget(request)


def _forget(request) -> None:
    if hasattr(request, "_loket_acting"):
        del request._loket_acting


def acting(request) -> Acting | None:
    """The current acting context, or None. An expired one (the child turned 18) ends here."""
    if hasattr(request, "_loket_acting"):
        return request._loket_acting
    found = None
    stored = request.session.get(SESSION_ACTING) if hasattr(request, "session") else None
    if stored:
        until = date.fromisoformat(stored["until"])
        representee = get_user_model().objects.filter(pk=stored["id"], is_active=True).first()
        if until > timezone.localdate() and representee is not None:
            found = Acting(
                representee=representee,
                name=stored["name"] or gettext("de persoon voor wie u bent gemachtigd"),
                mandate=stored["mandate"],
                until=until,
                service=stored.get("service", ""),
            )
        else:
            request.session.pop(SESSION_ACTING, None)
    request._loket_acting = found
    return found


def subject(request):
    """Whom the page is about: the person acted for, else the logged-in resident."""
    current = acting(request)
    return current.representee if current is not None else request.user
