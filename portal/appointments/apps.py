from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "portal.appointments"
    label = "appointments"
    verbose_name = _("Afspraken")

    def ready(self):
        from datetime import timedelta

        from portal.appointments import payment  # noqa: F401 - registers the booking's payment purpose
        from portal.appointments.wedding import payment as wedding_payment  # noqa: F401 - and the wedding's
        from portal.core.scheduler import jobs

        jobs.register("appointments_run", command="appointments_run", every=timedelta(hours=1))
