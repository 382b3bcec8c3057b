from django.urls import path

from portal.registries.stand_in import api, kvk

app_name = "registries_stand_in"

urlpatterns = [
    path("brp/personen", api.personen, name="brp-personen"),
    path("bag/adressen", api.adressen, name="bag-adressen"),
    path("reisdocumenten", api.reisdocumenten, name="reisdocumenten"),
    path("woz/wozobjecten", api.woz_objecten, name="woz-objecten"),
    path("kvk/v1/basisprofielen/<str:kvk_number>", kvk.basisprofiel, name="kvk-basisprofiel"),
    path("kvk/v1/basisprofielen/<str:kvk_number>/eigenaar", kvk.eigenaar, name="kvk-eigenaar"),
    path("kvk/v1/basisprofielen/<str:kvk_number>/hoofdvestiging", kvk.hoofdvestiging, name="kvk-hoofdvestiging"),
    path("kvk/v1/basisprofielen/<str:kvk_number>/vestigingen", kvk.vestigingen, name="kvk-vestigingen"),
]
