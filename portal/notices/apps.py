from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "portal.notices"
    label = "notices"
    verbose_name = _("Voormeldingen")

    def ready(self):
        from datetime import timedelta

        from portal.core.scheduler import jobs
        from portal.notices import signals

        signals.connect()
        jobs.register("notices_run", command="notices_run", every=timedelta(days=1))

        from portal.core.metrics import gauges
        from portal.notices.selectors import oldest_undelivered_notice_seconds, undelivered_notices

        gauges.register("notices_undelivered", "Notices decided but not yet delivered.", undelivered_notices)
        gauges.register(
            "oldest_undelivered_notice_seconds",
            "Age of the oldest notice not yet delivered (0: none waiting).",
            oldest_undelivered_notice_seconds,
        )

        from portal.core.translation_overview import kinds
        from portal.notices.models import NoticeCategory, NoticeRule

        categories = NoticeCategory.objects.all()
        kinds.register_translatable("notice_categories", _("Categorieën van voormeldingen"), categories, order=60)
        kinds.register_translatable("notice_rules", _("Voormeldingen (regels)"), NoticeRule.objects.all(), order=61)
