from django.urls import path

from portal.opendata import views

app_name = "opendata"
urlpatterns = [
    path("open-data/", views.open_data, name="index"),
    path("open-data/catalogus.jsonld", views.catalogue_jsonld, name="catalogue"),
    path("open-data/<slug:dataset>.csv", views.dataset_csv, name="csv"),
    path("open-data/<slug:dataset>.json", views.dataset_json, name="json"),
    path("tevredenheid/", views.satisfaction, name="satisfaction"),
    path("tevredenheid/bedankt/", views.satisfaction_thanks, name="satisfaction_thanks"),
]
