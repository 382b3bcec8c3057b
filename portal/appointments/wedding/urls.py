from django.urls import path

from portal.appointments.wedding import views

app_name = "wedding"

urlpatterns = [
    path("huwelijk/", views.planner, name="planner"),
    path("huwelijk/reserveren/", views.reserve, name="reserve"),
    path("mijn/huwelijk/<uuid:uuid>/", views.mine, name="mine"),
    path("mijn/huwelijk/<uuid:uuid>/bevestigen/", views.confirm, name="confirm"),
    path("mijn/huwelijk/<uuid:uuid>/verplaatsen/", views.move, name="move"),
    path("mijn/huwelijk/<uuid:uuid>/annuleren/", views.cancel, name="cancel"),
    path("mijn/huwelijk/<uuid:uuid>/betalen/", views.pay, name="pay"),
]
