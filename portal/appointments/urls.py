from django.urls import path

from portal.appointments import views

app_name = "appointments"

urlpatterns = [
    path("afspraak/", views.start, name="start"),
    path("afspraak/locatie/", views.choose_location, name="location"),
    path("afspraak/dag/", views.choose_day, name="day"),
    path("afspraak/tijd/", views.choose_time, name="time"),
    path("afspraak/gegevens/", views.details, name="details"),
    path("afspraak/beheer/<str:token>/", views.manage, name="manage"),
    path("afspraak/beheer/<str:token>/betalen/", views.pay, name="pay"),
    path("afspraak/beheer/<str:token>/annuleren/", views.cancel, name="cancel"),
    path("afspraak/beheer/<str:token>/verplaatsen/", views.move, name="move"),
    path("mijn/afspraken/<uuid:uuid>/", views.my_booking, name="mine"),
]
