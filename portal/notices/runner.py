"""The runner: from rules to notices, in bulk, safe to repeat and to run on several machines at once.

Per rule, in two phases, each in batches of `LOKET_NOTICE_BATCH_SIZE` residents:
1. selection: the population source streams who the rule applies to; per batch, one query finds their accounts,
   one their choices for the rule's category, one the notices they already have; the new notices are inserted
   with the unique constraint (rule, resident, period) as the last word — a parallel run's rows are skipped.
2. delivery: undelivered notices are claimed with a conditional UPDATE (so two runners never take the same one),
   then become inbox messages (account holders) or go into a letter batch (everyone else), in the same
   transaction as the claim. A crash rolls the batch back; the next run picks it up. E-mail and SMS about the
   new inbox messages go out as a task after commit, each notice at most once.
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from portal.core.crypto import bsn_digest
from portal.core.iterables import batched
from portal.inbox.models import Message
from portal.notices.models import PLACEHOLDER, LetterBatch, Notice, NoticePreference, NoticeRule, WozReview
from portal.registries.population import OwnedDwelling, Resident, population_source

DOCUMENT_NAMES = {"PN": gettext_lazy("paspoort"), "NI": gettext_lazy("identiteitskaart")}
# Placeholders holding a date; notices store it as an ISO date and a text shows it in its own language. (Notices
# made before stored it written out in Dutch, and are shown as stored.)
DATES = {"vervaldatum", "datum", "verhuisdatum"}


@dataclass(frozen=True, slots=True)
class Candidate:
    resident: Resident
    period: str
    context: dict
    dwelling: OwnedDwelling | None = None


@dataclass
class RuleOutcome:
    rule: NoticeRule
    selected: int = 0  # residents (per period) the rule applies to today
    already: int = 0  # of those, notified before
    opted_out: int = 0
    new: dict = field(default_factory=dict)  # channel → notices created now (or, dry run: that would be)
    delivered: int = 0

    @property
    def new_total(self) -> int:
        return sum(self.new.values())


def _shown(name: str, value) -> str:
    """A placeholder's value as read in the active language: a document's name, a date written out."""
    if name == "document":
        return str(DOCUMENT_NAMES.get(value, value))
    if name in DATES:
        try:
            return date_format(date.fromisoformat(value), "j F Y")
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def render_text(text: str, context: dict) -> str:
    """The text with its placeholders filled in, the values written in the text's own language (a `Text` says
    which; a Dutch text sent to an English reader keeps Dutch dates)."""

    def fill(match):
        name = match.group(1)
        return _shown(name, context[name]) if name in context else match.group(0)

    with translation.override(getattr(text, "lang", "") or translation.get_language() or settings.LANGUAGE_CODE):
        return PLACEHOLDER.sub(fill, text)


def notice_message(notice: Notice, rule: NoticeRule, language: str = "") -> Message:
    """The inbox message saying what the notice says (unsaved), in `language` (the resident's account language)
    where the rule has a text in it, else in Dutch."""
    with translation.override(language or settings.LANGUAGE_CODE):
        texts = rule.text
        message = Message(
            resident_id=notice.resident_id,
            subject=render_text(texts.subject, notice.context)[:200],
            body=render_text(texts.body, notice.context),
            link_url=rule.link_url,
            link_text=str(texts.link_text),
        )
        message.note_languages(subject=texts.subject, body=texts.body, link_text=texts.link_text)
        return message


def candidates(rule: NoticeRule, *, today: date) -> Iterator[Candidate]:
    """Everyone the rule applies to today, with the period that makes their notice unique and its text's values."""
    source = population_source()
    kind = NoticeRule.Kind
    if rule.kind == kind.TRAVEL_DOCUMENT:
        end = today + timedelta(days=rule.days_ahead)
        for resident, document, expires in source.travel_documents_expiring(
            start=today, end=end, kind=rule.document_kind
        ):
            context = {"document": document, "vervaldatum": expires.isoformat()}
            yield Candidate(resident, f"{document}-{expires.isoformat()}", context)
    elif rule.kind == kind.WOZ:
        for resident, dwelling in source.dwelling_owners():
            yield Candidate(resident, str(rule.tax_year), {"belastingjaar": str(rule.tax_year)}, dwelling)
    elif rule.kind == kind.AREA:
        yield from _in_area(rule, source)
    elif rule.kind == kind.AGE:
        start = today - relativedelta(years=rule.age)
        end = today + timedelta(days=rule.days_ahead) - relativedelta(years=rule.age)
        for resident, born in source.born_between(start=start, end=end):
            birthday = born + relativedelta(years=rule.age)
            yield Candidate(resident, str(rule.age), {"leeftijd": str(rule.age), "datum": birthday.isoformat()})
    elif rule.kind == kind.MOVED_IN:
        for resident, since in source.moved_in_since(start=today - timedelta(days=rule.days_ahead)):
            yield Candidate(resident, since.isoformat(), {"verhuisdatum": since.isoformat()})


def _in_area(rule: NoticeRule, source) -> Iterator[Candidate]:
    area = rule.area()
    rows = source.residents_in_area(
        bounds=area.bounds,
        postcodes=area.postcodes,
        postcode_areas=area.postcode_areas,
        neighbourhoods=area.neighbourhoods,
    )
    for chunk in batched(rows, 5_000):
        inside = area.covers([row.longitude for row in chunk], [row.latitude for row in chunk])
        for resident, in_polygon in zip(chunk, inside, strict=True):
            if in_polygon or area.by_code(resident.postcode, resident.neighbourhood):
                yield Candidate(resident, "", {})


def residents_in_area(rule: NoticeRule) -> Iterator[Resident]:
    """For the preview before sending: who the area notice would reach."""
    return (candidate.resident for candidate in _in_area(rule, population_source()))


def rule_run(*, rule: NoticeRule, today: date, dry_run: bool = False) -> RuleOutcome:
    outcome = RuleOutcome(rule=rule)
    for chunk in batched(candidates(rule, today=today), settings.LOKET_NOTICE_BATCH_SIZE):
        _select(rule, chunk, outcome, dry_run=dry_run)
    if not dry_run:
        outcome.delivered = notices_deliver(rule=rule)
    return outcome


def _select(rule: NoticeRule, chunk: tuple[Candidate, ...], outcome: RuleOutcome, *, dry_run: bool) -> None:
    digested = [(bsn_digest(candidate.resident.bsn), candidate) for candidate in chunk]
    keyed: dict[tuple[str, str], Candidate] = {}
    for digest, candidate in digested:
        keyed.setdefault((digest, candidate.period), candidate)
    digests = {digest for digest, _period in keyed}
    accounts = dict(get_user_model().objects.filter(bsn_digest__in=digests).values_list("bsn_digest", "pk"))
    choices = dict(
        NoticePreference.objects.filter(category_id=rule.category_id, resident_id__in=accounts.values()).values_list(
            "resident_id", "choice"
        )
    )
    existing = set(Notice.objects.filter(rule=rule, resident_key__in=digests).values_list("resident_key", "period"))
    notices = []
    for (digest, period), candidate in keyed.items():
        outcome.selected += 1
        if (digest, period) in existing:
            outcome.already += 1
            continue
        account = accounts.get(digest)
        channel = Notice.Channel.LETTER if account is None else choices.get(account, NoticePreference.DEFAULT)
        if channel == NoticePreference.Choice.OFF:
            outcome.opted_out += 1
            continue
        outcome.new[channel] = outcome.new.get(channel, 0) + 1
        resident = candidate.resident
        notices.append(
            Notice(
                rule=rule,
                resident_key=digest,
                period=period,
                resident_id=account,
                channel=channel,
                context={"naam": resident.name, "adres": resident.address, **candidate.context},
                postal_name=resident.name if account is None else "",
                postal_address=f"{resident.street_line}\n{resident.postcode} {resident.city}"
                if account is None
                else "",
            )
        )
    if dry_run:
        return
    reviews = [
        WozReview(
            rule=rule,
            resident_key=digest,
            woz_identification=candidate.dwelling.identification,
            address=candidate.dwelling.address,
            dwelling_type=candidate.dwelling.dwelling_type,
            floor_area=candidate.dwelling.floor_area,
            build_year=candidate.dwelling.build_year,
            draft_value=candidate.dwelling.draft_value,
        )
        for digest, candidate in digested
        if candidate.dwelling is not None
    ]
    with transaction.atomic():
        Notice.objects.bulk_create(notices, ignore_conflicts=True, batch_size=500)
        WozReview.objects.bulk_create(reviews, ignore_conflicts=True, batch_size=500)


def notices_deliver(*, rule: NoticeRule) -> int:
    """Delivers the rule's undelivered notices, batch by batch; returns how many this call delivered."""
    delivered = 0
    while True:
        with transaction.atomic():
            claimed = _claim(rule)
            if claimed is None:
                return delivered
            _deliver(rule, claimed)
            delivered += len(claimed)


def _claim(rule: NoticeRule) -> list[Notice] | None:
    """A batch of undelivered notices that this transaction now owns; [] if a parallel runner took them first,
    None when nothing is left to deliver."""
    pending = Notice.objects.filter(rule=rule, delivered_at__isnull=True)
    ids = list(pending.order_by("pk").values_list("pk", flat=True)[: settings.LOKET_NOTICE_BATCH_SIZE])
    if not ids:
        return None
    # The UPDATE takes the rows (it waits for a parallel claim and then finds them delivered); the token tells
    # this transaction's rows apart from rows another runner claimed at the same moment.
    token = uuid.uuid4()
    pending.filter(pk__in=ids).update(delivered_at=timezone.now(), delivery_token=token)
    return list(Notice.objects.filter(delivery_token=token).order_by("pk"))


def _deliver(rule: NoticeRule, notices: list[Notice]) -> None:
    by_account = [notice for notice in notices if notice.channel != Notice.Channel.LETTER]
    languages = dict(
        get_user_model()
        .objects.filter(pk__in={notice.resident_id for notice in by_account})
        .values_list("pk", "language")
    )
    messages = Message.objects.bulk_create(
        [notice_message(notice, rule, languages.get(notice.resident_id, "")) for notice in by_account]
    )
    for notice, message in zip(by_account, messages, strict=True):
        notice.message = message
    Notice.objects.bulk_update(by_account, ["message"], batch_size=500)
    letters = [notice.pk for notice in notices if notice.channel == Notice.Channel.LETTER]
    for chunk in batched(letters, settings.LOKET_LETTER_BATCH_SIZE):
        Notice.objects.filter(pk__in=chunk).update(letter_batch=LetterBatch.objects.create())
    to_notify = [notice.pk for notice in by_account if notice.channel in (Notice.Channel.EMAIL, Notice.Channel.SMS)]
    if to_notify:
        from portal.notices.tasks import notify_notices

        transaction.on_commit(lambda: notify_notices.enqueue(notice_ids=to_notify))


def rules_due(*, today: date):
    """Active rules within their dates; an area notice only once a staff member approved sending it."""
    rules = NoticeRule.objects.filter(active=True).select_related("category").order_by("pk")
    rules = rules.exclude(starts_on__gt=today).exclude(ends_on__lt=today)
    return rules.exclude(kind=NoticeRule.Kind.AREA, approved_at__isnull=True)


def notices_run(*, today: date | None = None, rules=None, dry_run: bool = False, progress=None) -> list[RuleOutcome]:
    today = today or timezone.localdate()
    outcomes = []
    for rule in rules if rules is not None else rules_due(today=today):
        outcome = rule_run(rule=rule, today=today, dry_run=dry_run)
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes
