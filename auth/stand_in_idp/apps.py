from django.apps import AppConfig


class StandInIdpConfig(AppConfig):
    name = "auth.stand_in_idp"
    label = "stand_in_idp"
    verbose_name = "DigiD stand-in"
