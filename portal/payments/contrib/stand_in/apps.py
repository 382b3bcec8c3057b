from django.apps import AppConfig


class StandInPaymentsConfig(AppConfig):
    name = "portal.payments.contrib.stand_in"
    label = "payments_stand_in"
    verbose_name = "Betaalprovider (stand-in)"
