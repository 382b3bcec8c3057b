from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from auth.services import validate_bsn
from portal.appointments.models import Wedding
from portal.appointments.selectors import open_wedding_of
from portal.appointments.services import SlotTaken, claim, hold
from portal.appointments.wedding.planner import Choice, Planner
from portal.cases.services import case_create
from portal.core.crypto import bsn_digest
from portal.inbox.language import in_language_of
from portal.inbox.services import message_send

HOLD_FOR = timedelta(days=7)
# Held: the room and registrar are kept until the partner has confirmed and the fee is paid (or the hold lapses).
HELD_STATES = (Wedding.State.PROVISIONAL, Wedding.State.CONFIRMED)


class WeddingAlreadyHeld(Exception):
    """Fair use: one of the two already has a wedding reservation (`wedding`); move that one instead."""

    def __init__(self, wedding: Wedding):
        super().__init__("wedding already held")
        self.wedding = wedding


def _hold_couple(*digests: str) -> None:
    hold(*(f"wedding:{digest}" for digest in digests))


def _claim_choice(*, wedding: Wedding, choice: Choice) -> bool:
    """Holds the choice's room and registrar for the wedding; False when someone else holds any of it."""
    resources = [choice.room] + ([choice.registrar] if choice.registrar else [])
    try:
        with transaction.atomic():
            claim(resources=resources, start=choice.starts_at, end=choice.ends_at, wedding=wedding)
    except IntegrityError:
        return False
    return True


def _check_choice(*, choice: Choice, own_registrar_name: str) -> None:
    if choice.registrar is None and not own_registrar_name.strip():
        raise ValidationError({"own_registrar_name": _("Vul de naam in van de trouwambtenaar die u meebrengt.")})
    problems = Planner(choice).problems(choice)
    if problems:
        raise ValidationError(problems)


def wedding_reserve(
    *, choice: Choice, resident, partner_bsn: str, own_registrar_name: str = "", auth_context: dict | None = None
) -> Wedding:
    """A provisional reservation: room and registrar held for 7 days, and the notice of intended marriage
    registered as a case, waiting for the partner to confirm with their own DigiD. One reservation per person:
    if either partner already has one, `WeddingAlreadyHeld` names it (to move instead)."""
    partner_bsn = validate_bsn(partner_bsn)
    partner_digest = bsn_digest(partner_bsn)
    if partner_digest == resident.bsn_digest:
        raise ValidationError({"partner_bsn": _("Vul het burgerservicenummer van uw partner in, niet het uwe.")})
    _check_choice(choice=choice, own_registrar_name=own_registrar_name)
    with transaction.atomic():
        _hold_couple(resident.bsn_digest, partner_digest)
        held = open_wedding_of(digests=[resident.bsn_digest, partner_digest])
        if held is not None:
            raise WeddingAlreadyHeld(held)
        wedding = Wedding(
            ceremony_type=choice.ceremony,
            room=choice.room,
            registrar=choice.registrar,
            own_registrar_name=own_registrar_name.strip() if choice.registrar is None else "",
            starts_at=choice.starts_at,
            ends_at=choice.ends_at,
            guests=choice.guests,
            resident=resident,
            partner_bsn_digest=partner_digest,
            held_until=timezone.now() + HOLD_FOR,
            auth_context=auth_context or {},
        )
        wedding.full_clean()
        wedding.save()
        taken = not _claim_choice(wedding=wedding, choice=choice)
        if taken:
            transaction.set_rollback(True)
        elif choice.ceremony.case_type_id:
            wedding.case = case_create(case_type=choice.ceremony.case_type, resident=resident)
            wedding.save(update_fields=["case"])
    if taken:
        raise SlotTaken(Planner(choice).answer().alternatives)
    return wedding


def wedding_move(*, wedding: Wedding, choice: Choice, by, own_registrar_name: str = "") -> Wedding:
    """Moves a provisional reservation to another choice. The old moment is given up only once the new one is
    held; the 7 days the partner has to confirm are not extended by moving."""
    own_registrar_name = own_registrar_name or wedding.own_registrar_name
    _check_choice(choice=choice, own_registrar_name=own_registrar_name)
    with transaction.atomic():
        _hold_couple(wedding.resident.bsn_digest, wedding.partner_bsn_digest)
        locked = _provisional(wedding, by)
        locked.claims.all().delete()
        taken = not _claim_choice(wedding=locked, choice=choice)
        if taken:
            transaction.set_rollback(True)
        else:
            locked.ceremony_type, locked.room, locked.registrar = choice.ceremony, choice.room, choice.registrar
            locked.own_registrar_name = own_registrar_name.strip() if choice.registrar is None else ""
            locked.starts_at, locked.ends_at, locked.guests = choice.starts_at, choice.ends_at, choice.guests
            locked.full_clean()
            locked.save()
    if taken:
        raise SlotTaken(Planner(choice).answer().alternatives)
    return locked


def wedding_cancel(*, wedding: Wedding, by) -> Wedding:
    """Either partner cancels a provisional reservation: room and registrar are free at once."""
    with transaction.atomic():
        locked = _provisional(wedding, by)
        locked.claims.all().delete()
        locked.state, locked.held_until = Wedding.State.CANCELLED, None
        locked.save(update_fields=["state", "held_until"])
        with in_language_of(locked.resident):
            message_send(
                resident=locked.resident,
                subject=str(_("Uw voorlopige huwelijksreservering is geannuleerd")),
                body=str(
                    _(
                        "De reservering van %(when)s is geannuleerd. De zaal en de trouwambtenaar zijn weer vrij. "
                        "U kunt een nieuwe reservering maken in de huwelijksplanner."
                    )
                    % {"when": date_format(timezone.localtime(locked.starts_at), "j F Y H:i")}
                ),
                case=locked.case,
            )
    return locked


def _provisional(wedding: Wedding, by) -> Wedding:
    """The reservation, locked, if it is still provisional and `by` is one of the couple."""
    locked = Wedding.objects.select_for_update(of=("self",)).select_related("case", "resident").get(pk=wedding.pk)
    if by.pk != locked.resident_id and by.bsn_digest != locked.partner_bsn_digest:
        raise ValidationError(_("Alleen het paar zelf kan deze reservering wijzigen."))
    if locked.state != Wedding.State.PROVISIONAL or locked.held_until <= timezone.now():
        raise ValidationError(
            _("Deze reservering is bevestigd, verlopen of geannuleerd en kan hier niet meer veranderen.")
        )
    return locked


def wedding_confirm(*, wedding: Wedding, partner) -> Wedding:
    """The partner confirms with their own DigiD; once the fee is paid too, the reservation no longer expires."""
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
        if not locked.needs_payment:
            locked.held_until = None  # confirmed and paid (or free): it stands
        locked.save(update_fields=["state", "partner", "confirmed_at", "held_until"])
        with in_language_of(locked.resident):
            message_send(
                resident=locked.resident,
                subject=str(_("Uw partner heeft het huwelijk bevestigd")),
                body=str(
                    _("Uw partner heeft de melding voorgenomen huwelijk bevestigd. De datum en de zaal staan vast.")
                ),
                case=locked.case,
            )
    return locked


def wedding_paid(*, wedding: Wedding) -> bool:
    """The ceremony's fee is in. While the hold lasts, that is noted (and a confirmed wedding then stands); a
    reservation that lapsed or was cancelled meanwhile keeps nothing, and False says the money goes back."""
    with transaction.atomic():
        locked = Wedding.objects.select_for_update(of=("self",)).select_related("ceremony_type").get(pk=wedding.pk)
        if locked.paid_at is not None:
            return True
        if locked.state not in HELD_STATES or locked.held_until is None or locked.held_until <= timezone.now():
            return False
        locked.paid_at = timezone.now()
        if locked.state == Wedding.State.CONFIRMED:
            locked.held_until = None
        locked.save(update_fields=["paid_at", "held_until"])
    return True


def weddings_expire(*, now: datetime | None = None) -> int:
    """Free the room and registrar of reservations not confirmed by the partner, or not paid, within the hold; safe
    to repeat."""
    now = now or timezone.now()
    expired = 0
    due = Wedding.objects.filter(state__in=HELD_STATES, held_until__lte=now).values_list("pk", flat=True)
    for wedding_id in list(due):
        with transaction.atomic():
            if not Wedding.objects.filter(pk=wedding_id, state__in=HELD_STATES, held_until__lte=now).update(
                state=Wedding.State.EXPIRED
            ):
                continue  # another run was first, or it was paid this very moment
            wedding = Wedding.objects.select_related("case").get(pk=wedding_id)
            wedding.claims.all().delete()
            with in_language_of(wedding.resident):
                reason = (
                    _("De kosten van de ceremonie zijn niet binnen 7 dagen betaald.")
                    if wedding.confirmed_at
                    else _("Uw partner heeft de reservering niet binnen 7 dagen bevestigd.")
                )
                message_send(
                    resident=wedding.resident,
                    subject=str(_("Uw voorlopige huwelijksreservering is verlopen")),
                    body=str(reason)
                    + " "
                    + str(
                        _(
                            "De zaal en de trouwambtenaar zijn weer vrij. U kunt een nieuwe reservering maken in de "
                            "huwelijksplanner."
                        )
                    ),
                    case=wedding.case,
                )
            expired += 1
    return expired
