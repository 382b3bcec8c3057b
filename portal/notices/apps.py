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

        from portal.core.translation_overview import kinds, translatable_items
        from portal.notices.models import NoticeCategory, NoticeRule

        for order, (identifier, label, model) in enumerate(
            (
                ("notice_categories", _("Categorieën van voormeldingen"), NoticeCategory),
                ("notice_rules", _("Voormeldingen (regels)"), NoticeRule),
            )
        ):
            kinds.register(
                identifier,
                label,
                models=(model,),
                permission=f"notices.change_{model._meta.model_name}",
                items=lambda language, model=model: translatable_items(model.objects.all(), language),
                order=60 + order,
            )
