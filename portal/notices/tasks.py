from django.utils import timezone
from django_tasks import task


@task()
def notify_notices(notice_ids: list[int]) -> int:
    """E-mail or SMS 'there is a new message' for notices delivered to the inbox, each at most once."""
    from portal.inbox.channels import notify_new_message
    from portal.notices.models import Notice

    sent = 0
    for notice in Notice.objects.filter(pk__in=notice_ids, notified_at__isnull=True).select_related("resident"):
        if Notice.objects.filter(pk=notice.pk, notified_at__isnull=True).update(notified_at=timezone.now()):
            notify_new_message(notice.resident, channels={notice.channel})
            sent += 1
    return sent


@task()
def run_notices(rule_id: int | None = None) -> dict:
    """The runner as a task: all due rules (the daily schedule), or one rule (an area notice just approved)."""
    from portal.notices.models import NoticeRule
    from portal.notices.runner import notices_run

    rules = None if rule_id is None else NoticeRule.objects.filter(pk=rule_id)
    return {outcome.rule.name: outcome.new_total for outcome in notices_run(rules=rules)}
