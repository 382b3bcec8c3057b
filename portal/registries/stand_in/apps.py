from django.apps import AppConfig


class StandInRegistriesConfig(AppConfig):
    name = "portal.registries.stand_in"
    label = "registries_stand_in"
    verbose_name = "Basisregistraties (stand-in)"
