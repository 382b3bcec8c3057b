from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "portal.payments"
    label = "payments"
    verbose_name = _("Betalingen")

    def ready(self):
        from portal.core.metrics import gauges
        from portal.core.scheduler import jobs
        from portal.payments.contrib import mollie  # noqa: F401 - registers the provider
        from portal.payments.selectors import unsettled_payments

        jobs.register("payments_reconcile", command="payments_reconcile", every=timedelta(minutes=5))
        gauges.register(
            "payments_unsettled", "Payments still open 15 minutes after they were started.", unsettled_payments
        )
