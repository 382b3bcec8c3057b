"""Destruction lists: proposed by `retention_run`, reviewed by one person, approved by another, then destroyed."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.records import retention
from portal.records.models import DestructionItem, DestructionList, LegalHold

logger = logging.getLogger(__name__)


class NotAllowed(Exception):
    """A step the list's state or the two-person rule does not allow; the message is for the staff member."""


def _held(kind: str) -> set[str]:
    return set(LegalHold.objects.filter(kind=kind).values_list("identification", flat=True))


def _on_open_lists(kind: str) -> set[int]:
    return set(
        DestructionItem.objects.filter(
            kind=kind, destruction_list__state__in=DestructionList.OPEN_STATES, excluded_reason=""
        ).values_list("object_id", flat=True)
    )


# Items per list: what one person can review on one screen. A larger backlog becomes several lists.
LIST_SIZE = 500


@transaction.atomic
def retention_run(*, today=None, list_size: int = LIST_SIZE) -> list[DestructionList]:
    """Proposes lists of everything past its term that is neither on legal hold nor already on an open list, at
    most `list_size` items each. Idempotent: a second run the same day finds nothing new and proposes nothing."""
    today = today or timezone.localdate()
    items = []
    for rule in retention.rules():
        held, listed = _held(rule.kind), _on_open_lists(rule.kind)
        for candidate in rule.expired(today, None):
            if candidate.identification in held or candidate.object_id in listed:
                continue
            items.append(
                DestructionItem(
                    kind=rule.kind,
                    object_id=candidate.object_id,
                    identification=candidate.identification,
                    type_name=candidate.type_name[:200],
                    created_on=candidate.created_on,
                    closed_on=candidate.closed_on,
                    term_ended_on=candidate.term_ended_on,
                )
            )
    proposed = []
    for index, start in enumerate(range(0, len(items), list_size)):
        # The scheduler runs this once a day; a second run started beside it on the same day waits on this unique
        # provisional number and then fails, rather than listing the same records twice.
        destruction_list = DestructionList.objects.create(number=f"VL-{today:%Y%m%d}-{index}")
        destruction_list.number = f"VL-{today:%Y}-{destruction_list.pk:05d}"
        destruction_list.save(update_fields=["number"])
        chunk = items[start : start + list_size]
        for item in chunk:
            item.destruction_list = destruction_list
        DestructionItem.objects.bulk_create(chunk)
        logger.info("destruction list proposed", extra={"list": destruction_list.number, "items": len(chunk)})
        proposed.append(destruction_list)
    return proposed


def _locked(destruction_list: DestructionList) -> DestructionList:
    return DestructionList.objects.select_for_update().get(pk=destruction_list.pk)


def _name(user) -> str:
    return (user.get_full_name() or user.get_username())[:150]


@transaction.atomic
def destruction_list_review(*, destruction_list: DestructionList, user, excluded: dict[int, str]) -> DestructionList:
    """The first person's review: items in `excluded` (item id → why not) stay; the rest go on to approval."""
    locked = _locked(destruction_list)
    if locked.state != DestructionList.State.TO_REVIEW:
        raise NotAllowed(_("Deze lijst is al beoordeeld."))
    kept = list(locked.items.filter(pk__in=excluded))
    for item in kept:
        item.excluded_reason = excluded[item.pk].strip()[:300] or _("niet vernietigen")
    DestructionItem.objects.bulk_update(kept, ["excluded_reason"])
    if not locked.items.filter(excluded_reason="").exists():
        raise NotAllowed(_("Er blijft niets over om te vernietigen. Wijs de lijst af als er niets weg mag."))
    locked.state = DestructionList.State.REVIEWED
    locked.reviewed_by, locked.reviewer_name, locked.reviewed_at = user, _name(user), timezone.now()
    locked.save()
    return locked


@transaction.atomic
def destruction_list_approve(*, destruction_list: DestructionList, user) -> DestructionList:
    """The second person's approval; the destruction itself runs as a task once this is committed."""
    from portal.records.tasks import destroy_list

    locked = _locked(destruction_list)
    if locked.state != DestructionList.State.REVIEWED:
        raise NotAllowed(_("Deze lijst wacht niet op goedkeuring."))
    if locked.reviewed_by_id == user.pk:
        raise NotAllowed(_("U heeft deze lijst beoordeeld. Een tweede persoon moet haar goedkeuren."))
    locked.state = DestructionList.State.APPROVED
    locked.approver_name, locked.approved_at = _name(user), timezone.now()
    locked.save()
    transaction.on_commit(lambda: destroy_list.enqueue(list_id=locked.pk))
    return locked


@transaction.atomic
def destruction_list_reject(*, destruction_list: DestructionList, user, reason: str) -> DestructionList:
    """Nothing on the list is destroyed; what is still past its term comes back on the next run's list."""
    locked = _locked(destruction_list)
    if locked.state not in (DestructionList.State.TO_REVIEW, DestructionList.State.REVIEWED):
        raise NotAllowed(_("Deze lijst kan niet meer worden afgewezen."))
    if not reason.strip():
        raise NotAllowed(_("Geef een reden voor de afwijzing."))
    locked.state = DestructionList.State.REJECTED
    locked.rejection_reason = reason.strip()[:1000]
    if not locked.reviewer_name:
        locked.reviewed_by, locked.reviewer_name, locked.reviewed_at = user, _name(user), timezone.now()
    else:
        locked.approver_name = _name(user)
    locked.save()
    return locked


@transaction.atomic
def destruction_list_destroy(*, list_id: int, today=None) -> DestructionList:
    """Destroys an approved list's items that are still past their term and not on legal hold (checked again:
    a hold placed after approval wins); the others are marked why they stayed. Safe to run twice."""
    today = today or timezone.localdate()
    locked = DestructionList.objects.select_for_update().get(pk=list_id)
    if locked.state != DestructionList.State.APPROVED:
        return locked
    for rule in retention.rules():
        items = {item.object_id: item for item in locked.items.filter(kind=rule.kind, excluded_reason="")}
        if not items:
            continue
        held = _held(rule.kind)
        due = {c.object_id for c in rule.expired(today, list(items)) if c.identification not in held}
        rule.destroy(list(due))
        for object_id, item in items.items():
            if object_id in due:
                item.destroyed = True
            elif item.identification in held:
                item.excluded_reason = _("bewaarplicht na goedkeuring")
            else:
                item.excluded_reason = _("niet meer gevonden of termijn gewijzigd")
        DestructionItem.objects.bulk_update(items.values(), ["destroyed", "excluded_reason"])
    locked.state, locked.destroyed_at = DestructionList.State.DESTROYED, timezone.now()
    locked.save(update_fields=["state", "destroyed_at"])
    logger.info(
        "destruction list destroyed",
        extra={"list": locked.number, "destroyed": locked.items.filter(destroyed=True).count()},
    )
    return locked
