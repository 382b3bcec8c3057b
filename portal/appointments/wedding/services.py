from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from auth.services import validate_bsn
from portal.appointments.models import Wedding
from portal.appointments.services import SlotTaken, claim
from portal.appointments.wedding.planner import Choice, Planner
from portal.cases.services import case_create
from portal.core.crypto import bsn_digest
from portal.inbox.services import message_send

HOLD_FOR = timedelta(days=7)


def wedding_reserve(*, choice: Choice, resident, partner_bsn: str, own_registrar_name: str = "") -> Wedding:
    """A provisional reservation: room and registrar held for 7 days, and the notice of intended marriage
    registered as a case, waiting for the partner to confirm with their own DigiD."""
    partner_bsn = validate_bsn(partner_bsn)
    if bsn_digest(partner_bsn) == resident.bsn_digest:
        raise ValidationError({"partner_bsn": _("Vul het burgerservicenummer van uw partner in, niet het uwe.")})
    if choice.registrar is None and not own_registrar_name.strip():
        raise ValidationError({"own_registrar_name": _("Vul de naam in van de trouwambtenaar die u meebrengt.")})
    planner = Planner(choice)
    problems = planner.problems(choice)
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            wedding = Wedding(
                ceremony_type=choice.ceremony,
                room=choice.room,
                registrar=choice.registrar,
                own_registrar_name=own_registrar_name.strip() if choice.registrar is None else "",
                starts_at=choice.starts_at,
                ends_at=choice.ends_at,
                guests=choice.guests,
                resident=resident,
                partner_bsn_digest=bsn_digest(partner_bsn),
                held_until=timezone.now() + HOLD_FOR,
            )
            wedding.full_clean()
            wedding.save()
            resources = [choice.room] + ([choice.registrar] if choice.registrar else [])
            claim(resources=resources, start=choice.starts_at, end=choice.ends_at, wedding=wedding)
            if choice.ceremony.case_type_id:
                wedding.case = case_create(case_type=choice.ceremony.case_type, resident=resident)
                wedding.save(update_fields=["case"])
    except IntegrityError:
        raise SlotTaken(Planner(choice).answer().alternatives) from None
    return wedding


def wedding_confirm(*, wedding: Wedding, partner) -> Wedding:
    """The partner confirms with their own DigiD; from then on the reservation no longer expires."""
    with transaction.atomic():
        locked = Wedding.objects.select_for_update(of=("self",)).select_related("case").get(pk=wedding.pk)
        if locked.partner_bsn_digest != partner.bsn_digest or locked.resident_id == partner.pk:
            raise ValidationError(_("Alleen de partner die bij de reservering is opgegeven, kan bevestigen."))
        if locked.state == Wedding.State.CONFIRMED:
            return locked
        if locked.state != Wedding.State.PROVISIONAL or locked.held_until <= timezone.now():
            raise ValidationError(_("Deze reservering is verlopen. Maak samen een nieuwe reservering."))
        locked.state = Wedding.State.CONFIRMED
        locked.partner = partner
        locked.confirmed_at = timezone.now()
        locked.held_until = None
        locked.save(update_fields=["state", "partner", "confirmed_at", "held_until"])
        message_send(
            resident=locked.resident,
            subject=str(_("Uw partner heeft het huwelijk bevestigd")),
            body=str(_("Uw partner heeft de melding voorgenomen huwelijk bevestigd. De datum en de zaal staan vast.")),
            case=locked.case,
        )
    return locked


def weddings_expire(*, now: datetime | None = None) -> int:
    """Free the room and registrar of reservations the partner did not confirm in time; safe to repeat."""
    now = now or timezone.now()
    expired = 0
    due = Wedding.objects.filter(state=Wedding.State.PROVISIONAL, held_until__lte=now).values_list("pk", flat=True)
    for wedding_id in list(due):
        with transaction.atomic():
            if not Wedding.objects.filter(pk=wedding_id, state=Wedding.State.PROVISIONAL).update(
                state=Wedding.State.EXPIRED
            ):
                continue  # another run was first
            wedding = Wedding.objects.select_related("case").get(pk=wedding_id)
            wedding.claims.all().delete()
            message_send(
                resident=wedding.resident,
                subject=str(_("Uw voorlopige huwelijksreservering is verlopen")),
                body=str(
                    _(
                        "Uw partner heeft de reservering niet binnen 7 dagen bevestigd. De zaal en de trouwambtenaar "
                        "zijn weer vrij. U kunt een nieuwe reservering maken in de huwelijksplanner."
                    )
                ),
                case=wedding.case,
            )
            expired += 1
    return expired
