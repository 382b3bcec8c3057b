from django.urls import path

from portal.reports import views

app_name = "reports"
urlpatterns = [
    path("meldingen/nieuw/", views.start, name="start"),
    path("meldingen/nieuw/<slug:step>/", views.step, name="step"),
    path("meldingen/verstuurd/", views.sent, name="sent"),
    path("meldingen/in-de-buurt/", views.public_list, name="public_list"),
    path("meldingen/kaart.geojson", views.public_geojson, name="public_geojson"),
    path("meldingen/openbaar/fotos/<uuid:photo>/", views.public_photo, name="public_photo"),
    path("meldingen/volgen/<str:token>/", views.follow, name="follow"),
    path("meldingen/volgen/<str:token>/fotos/<uuid:photo>/", views.follow_photo, name="follow_photo"),
    path("mijn/meldingen/", views.mine, name="mine"),
    path("mijn/meldingen/<uuid:uuid>/", views.detail, name="detail"),
    path("mijn/meldingen/<uuid:uuid>/fotos/<uuid:photo>/", views.photo, name="photo"),
]
