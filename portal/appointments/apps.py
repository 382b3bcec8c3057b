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

        from portal.appointments.models import CeremonyType, Location, Product, Resource
        from portal.core.translation_overview import kinds

        # An official's name is theirs in every language: only desks and rooms have a name to translate.
        rooms = Resource.objects.exclude(kind=Resource.Kind.OFFICIAL).select_related("location")
        kinds.register_translatable("products", _("Afspraakproducten"), Product.objects.all(), order=50)
        kinds.register_translatable("locations", _("Locaties"), Location.objects.all(), order=51)
        kinds.register_translatable("rooms", _("Balies en zalen"), rooms, order=52)
        kinds.register_translatable("ceremonies", _("Ceremonies"), CeremonyType.objects.all(), order=53)
