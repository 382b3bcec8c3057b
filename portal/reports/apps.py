from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "portal.reports"
    label = "reports"
    verbose_name = _("Meldingen openbare ruimte")

    def ready(self):
        from datetime import timedelta

        from portal.core.scheduler import jobs

        jobs.register("reports_train", command="reports_train", every=timedelta(days=1))
        jobs.register("reports_purge", command="reports_purge", every=timedelta(days=1))

        from portal.core.translation_overview import kinds
        from portal.reports.models import Category

        categories = Category.objects.select_related("parent")
        kinds.register_translatable("report_categories", _("Meldingscategorieën"), categories, order=70)
