from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.cases.models import ContactMoment
from portal.cases.services import case_create
from portal.core.uploads import CheckedUpload
from portal.inbox.models import Message
from portal.notices.models import LetterBatch, Notice, NoticePreference, NoticeRule, WozReview


@transaction.atomic
def notice_preferences_update(*, resident, choices: dict) -> None:
    """choices: category → NoticePreference.Choice, for the categories the resident answered."""
    for category, choice in choices.items():
        NoticePreference.objects.update_or_create(resident=resident, category=category, defaults={"choice": choice})


def _answerable(review: WozReview) -> WozReview:
    review = WozReview.objects.select_for_update().get(pk=review.pk)
    if review.status != WozReview.Status.OPEN:
        raise ValidationError(_("U heeft deze gegevens al beantwoord."), code="answered")
    return review


@transaction.atomic
def woz_review_confirm(*, review: WozReview) -> WozReview:
    review = _answerable(review)
    review.status = WozReview.Status.CONFIRMED
    review.answered_at = timezone.now()
    review.save(update_fields=["status", "answered_at"])
    return review


@transaction.atomic
def woz_review_correct(
    *,
    review: WozReview,
    resident,
    floor_area: int | None,
    build_year: int | None,
    dwelling_type: str,
    explanation: str,
    photos: list[CheckedUpload],
) -> WozReview:
    """The owner says the registered characteristics are wrong: a case for the WOZ team, with the photos and a
    contact moment that sets the registered values beside the corrected ones."""
    review = _answerable(review)
    explanation = explanation.strip()
    if not explanation:
        raise ValidationError({"explanation": _("Leg uit wat er niet klopt.")})
    changes = [
        (_("Oppervlakte (m²)"), review.floor_area, floor_area),
        (_("Bouwjaar"), review.build_year, build_year),
        (_("Soort woning"), review.dwelling_type, dwelling_type.strip() or None),
    ]
    rule = NoticeRule.objects.select_related("case_type").get(pk=review.rule_id)
    case = case_create(case_type=rule.case_type, resident=resident, documents=photos)
    lines = [_("WOZ-object %(number)s, %(address)s") % {"number": review.woz_identification, "address": review.address}]
    lines += [
        _("%(label)s: geregistreerd %(old)s, volgens de eigenaar %(new)s") % {"label": label, "old": old, "new": new}
        for label, old, new in changes
        if new is not None and new != old
    ]
    lines.append(_("Toelichting: %(text)s") % {"text": explanation})
    ContactMoment.objects.create(case=case, kind=ContactMoment.Kind.ANSWER, text="\n".join(lines))
    review.status = WozReview.Status.CORRECTED
    review.answered_at = timezone.now()
    review.corrected_floor_area = floor_area
    review.corrected_build_year = build_year
    review.corrected_dwelling_type = dwelling_type.strip()
    review.explanation = explanation
    review.case = case
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def area_notice_approve(*, rule: NoticeRule, by, residents: int, large_confirmed: bool) -> NoticeRule:
    """Staff approve sending an area notice after seeing the preview (`residents` is its count); above the limit
    only with the second confirmation. The runner then sends it: as a task now, and daily to newcomers in the
    area until the end date."""
    from portal.notices.tasks import run_notices

    rule = NoticeRule.objects.select_for_update().get(pk=rule.pk)
    if rule.kind != NoticeRule.Kind.AREA:
        raise ValidationError(_("Alleen een bericht voor een gebied wordt zo verzonden."))
    if rule.approved_at is not None:
        raise ValidationError(_("Dit bericht is al verzonden."), code="approved")
    rule.full_clean()
    if residents == 0:
        raise ValidationError(_("In dit gebied woont niemand: er is niets te versturen."), code="empty")
    if residents > settings.LOKET_AREA_NOTICE_CONFIRM_ABOVE and not large_confirmed:
        raise ValidationError(
            _("Dit bericht gaat naar %(count)s inwoners. Bevestig dat u het aan zoveel inwoners wilt sturen.")
            % {"count": residents},
            code="confirm_large",
        )
    rule.approved_at = timezone.now()
    rule.approved_by = by
    rule.save(update_fields=["approved_at", "approved_by"])
    transaction.on_commit(lambda: run_notices.enqueue(rule_id=rule.pk))
    return rule


def letter_batch_mark_sent(*, batch: LetterBatch, by) -> None:
    LetterBatch.objects.filter(pk=batch.pk, printed_at__isnull=True).update(printed_at=timezone.now(), printed_by=by)


def notices_copy_to_new_account(*, resident, language: str = "") -> int:
    """A resident who got letters before they had an account finds copies in their inbox on first login, so Mijn
    Loket shows everything the municipality told them, in `language` where the rules have it (else their account's).
    Later notices reach the account directly; a letter is copied once."""
    from portal.notices.runner import notice_message

    language = language or resident.language
    with transaction.atomic():
        notices = list(
            Notice.objects.select_for_update(of=("self",))
            .filter(resident_key=resident.bsn_digest, resident__isnull=True, delivered_at__isnull=False)
            .select_related("rule")
        )
        if language and language != settings.LANGUAGE_CODE:
            prefetch_related_objects([notice.rule for notice in notices], "translations")
        for notice in notices:
            notice.resident = resident
        messages = Message.objects.bulk_create([notice_message(notice, notice.rule, language) for notice in notices])
        for notice, message in zip(notices, messages, strict=True):
            notice.message = message
        Notice.objects.bulk_update(notices, ["resident", "message"])
    return len(notices)
