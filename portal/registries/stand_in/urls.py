from django.urls import path

from portal.registries.stand_in import api

app_name = "registries_stand_in"

urlpatterns = [
    path("brp/personen", api.personen, name="brp-personen"),
    path("bag/adressen", api.adressen, name="bag-adressen"),
    path("reisdocumenten", api.reisdocumenten, name="reisdocumenten"),
    path("woz/wozobjecten", api.woz_objecten, name="woz-objecten"),
]
