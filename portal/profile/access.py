"""How an entry of the access log reads to the resident it is about ("Wie heeft mijn gegevens bekeken"): who (the
team, never the staff member's name), what, and why, in plain language."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.cases.models import Case
from portal.core.models import AccessLogEntry

# What was done, as a sentence; %(who)s is the team, %(case)s the case's number.
WHAT = {
    "view_case": gettext_lazy("%(who)s bekeek uw zaak %(case)s."),
    "download_document": gettext_lazy("%(who)s opende een document bij uw zaak %(case)s."),
    "view_submission": gettext_lazy("%(who)s bekeek het formulier dat u stuurde, bij zaak %(case)s."),
    "register_case": gettext_lazy("%(who)s legde zaak %(case)s voor u vast."),
    "view_resident": gettext_lazy("%(who)s bekeek uw overzicht: uw gegevens uit de BRP, uw zaken en contacten."),
    "refund_payment": gettext_lazy("%(who)s betaalde een bedrag aan u terug."),
    "act_for": gettext_lazy("Uw ouder met gezag handelde namens u in Mijn Loket."),
}
# Done by someone acting for the resident, not by staff.
BY_REPRESENTATIVE = {"act_for"}
LOOKUP = gettext_lazy("Loket vroeg uw gegevens op bij de %(registries)s.")
REGISTRIES = {
    "BRP": gettext_lazy("Basisregistratie Personen (BRP)"),
    "BAG": gettext_lazy("Basisregistratie Adressen en Gebouwen (BAG)"),
}
# Why, by the action or by the reason staff gave (the back office's "aanleiding").
WHY = {
    "lookup_prefill": gettext_lazy("Om het formulier ‘%(context)s’ voor u in te vullen."),
    "lookup_profile": gettext_lazy("Om uw gegevens te tonen op Mijn gegevens."),
    "lookup_appointment": gettext_lazy("Om uw naam in te vullen toen u een afspraak maakte."),
    "refund_payment": gettext_lazy("Om een betaling aan u terug te betalen."),
    "lookup_custody": gettext_lazy("Om na te gaan over wie gezag is vastgelegd, voor handelen namens een kind."),
    "act_for": gettext_lazy("Op grond van ouderlijk gezag, vastgelegd in de BRP."),
    "register_case": gettext_lazy("U nam contact met ons op (%(context)s)."),
    "behandeling": gettext_lazy("Om uw zaak te behandelen."),
    "klantbeeld": gettext_lazy("Om u te helpen bij een vraag of aanvraag."),
}
CASE_BY_CONTEXT = {"download_document", "view_submission"}  # these name the case by number in their context


@dataclass(frozen=True)
class Access:
    at: datetime
    by_staff: bool
    what: str
    why: str


def _why(entry: AccessLogEntry) -> str:
    if entry.action == "register_case":
        channel = dict(Case.Channel.choices).get(entry.context, entry.context)
        return str(WHY["register_case"]) % {"context": channel}
    if entry.action in WHY:
        return str(WHY[entry.action]) % {"context": entry.context}
    if entry.context in WHY:
        return str(WHY[entry.context])
    if entry.action in CASE_BY_CONTEXT:
        return str(WHY["behandeling"])
    return _("Opgegeven reden: %(reason)s") % {"reason": entry.context} if entry.context else ""


def describe(entries: list[AccessLogEntry], case_numbers: dict[str, str]) -> list[Access]:
    """The entries as the resident reads them; `case_numbers` maps case UUIDs (as text) to their numbers."""
    described = []
    for entry in entries:
        if entry.object_type == "registry":
            names = [str(REGISTRIES.get(name, name)) for name in entry.object_id.split("+")]
            what = str(LOOKUP) % {"registries": _(" en ").join(names)}
        else:
            who = (
                _("Een medewerker van team %(team)s") % {"team": entry.team}
                if entry.team
                else _("Een medewerker van de gemeente")
            )
            case = entry.context if entry.action in CASE_BY_CONTEXT else case_numbers.get(entry.object_id, "")
            template = WHAT.get(entry.action, gettext_lazy("%(who)s bekeek uw gegevens."))
            what = str(template) % {"who": who, "case": case}
        by_staff = entry.object_type != "registry" and entry.action not in BY_REPRESENTATIVE
        described.append(Access(at=entry.at, by_staff=by_staff, what=what, why=_why(entry)))
    return described
