from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.notices.models import NoticeRule
from portal.notices.runner import RuleOutcome, notices_run


class Command(BaseCommand):
    help = (
        "Send the proactive notices of every active rule (daily; safe to repeat and to run on several machines at "
        "once: nobody gets the same notice twice). --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count per rule what would be sent, send nothing")
        parser.add_argument("--rule", action="append", default=[], help="only this rule (its UUID); may repeat")

    def handle(self, *args, dry_run, rule, **options):
        rules = None
        if rule:
            try:
                rules = list(NoticeRule.objects.filter(uuid__in=rule))
            except ValidationError as error:  # a malformed UUID
                raise CommandError(f"not a rule UUID: {error}") from None
            if len(rules) != len(set(rule)):
                raise CommandError("unknown rule UUID")
        outcomes = notices_run(rules=rules, dry_run=dry_run, progress=self._report(dry_run))
        new = sum(outcome.new_total for outcome in outcomes)
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(f"{len(outcomes)} rules, {new} new notices {verb}")

    def _report(self, dry_run: bool):
        def report(outcome: RuleOutcome) -> None:
            channels = ", ".join(f"{channel} {count}" for channel, count in sorted(outcome.new.items())) or "-"
            line = (
                f"{outcome.rule.name}: selected {outcome.selected}, notified before {outcome.already}, "
                f"opted out {outcome.opted_out}, new {outcome.new_total} ({channels})"
            )
            if not dry_run:
                line += f", delivered {outcome.delivered}"
            self.stdout.write(line)

        return report
