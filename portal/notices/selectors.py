from django.db.models import Count, Min, Q
from django.utils import timezone

from portal.core.translations import with_texts
from portal.notices.models import LetterBatch, Notice, NoticeCategory, NoticePreference, NoticeRule, WozReview


def woz_reviews_for_resident(*, resident):
    """The WOZ pre-notices of the dwellings the resident owns (by their BSN digest: made before they had an account)."""
    if not resident.bsn_digest:
        return WozReview.objects.none()
    return (
        WozReview.objects.filter(resident_key=resident.bsn_digest)
        .select_related("rule")
        .order_by("-rule__tax_year", "address")
    )


def notice_choices_for_resident(*, resident) -> list[tuple[NoticeCategory, str]]:
    """Every category with the resident's choice (the default where they never chose)."""
    chosen = dict(NoticePreference.objects.filter(resident=resident).values_list("category_id", "choice"))
    return [
        (category, chosen.get(category.pk, NoticePreference.DEFAULT))
        for category in with_texts(NoticeCategory.objects.all())
    ]


def rule_figures() -> list[NoticeRule]:
    """Per rule, for staff: notices by channel, still undelivered, and the WOZ answers. Two queries in all."""
    rules = (
        NoticeRule.objects.select_related("category")
        .annotate(
            total=Count("notices"),
            by_inbox=Count("notices", filter=~Q(notices__channel=Notice.Channel.LETTER)),
            by_letter=Count("notices", filter=Q(notices__channel=Notice.Channel.LETTER)),
            undelivered=Count("notices", filter=Q(notices__delivered_at__isnull=True)),
        )
        .order_by("category__order", "name")
    )
    answers = {}
    for rule_id, status, count in (
        WozReview.objects.values("rule_id", "status").annotate(n=Count("pk")).values_list("rule_id", "status", "n")
    ):
        answers.setdefault(rule_id, {})[status] = count
    rules = list(rules)
    for rule in rules:
        rule.woz_answers = answers.get(rule.pk, {}) if rule.kind == NoticeRule.Kind.WOZ else None
    return rules


def letter_batches():
    return LetterBatch.objects.annotate(letters=Count("notices")).select_related("printed_by")


def letters_in_batch(*, batch: LetterBatch):
    return batch.notices.select_related("rule").order_by("postal_address", "pk")


def undelivered_notices() -> int:
    return Notice.objects.filter(delivered_at__isnull=True).count()


def oldest_undelivered_notice_seconds() -> float:
    oldest = Notice.objects.filter(delivered_at__isnull=True).aggregate(at=Min("created_at"))["at"]
    return (timezone.now() - oldest).total_seconds() if oldest else 0.0
