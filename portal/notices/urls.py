from django.urls import path

from portal.notices import views

app_name = "notices"

urlpatterns = [
    path("mijn/voormeldingen/", views.preferences, name="preferences"),
    path("mijn/woz/", views.woz_list, name="woz_list"),
    path("mijn/woz/<uuid:uuid>/", views.woz_detail, name="woz_detail"),
    path("mijn/woz/<uuid:uuid>/bevestigen/", views.woz_confirm, name="woz_confirm"),
    path("mijn/woz/<uuid:uuid>/corrigeren/", views.woz_correct, name="woz_correct"),
]
