from django.urls import path

from forms_engine import views

app_name = "forms_engine"

urlpatterns = [
    path("formulieren/<slug:slug>/", views.fill_in, name="form"),
    path("formulieren/<slug:slug>/ontvangen/", views.confirmation, name="confirmation"),
    path("formulieren/<slug:slug>/later/", views.later, name="later"),
    path("formulieren/<slug:slug>/ontvangen/ontvangstbewijs.pdf", views.session_receipt, name="session_receipt"),
    path("mijn/aanvragen/<uuid:uuid>/ontvangstbewijs.pdf", views.resident_receipt, name="resident_receipt"),
    path("formulieren/verder/<str:token>/", views.resume_link, name="resume_link"),
    path("formulieren/betalen/<str:token>/", views.pay, name="pay"),
    path("mijn/concepten/<uuid:uuid>/", views.resume, name="resume"),
    path("mijn/concepten/<uuid:uuid>/verwijderen/", views.discard, name="discard"),
    path("mijn/concepten/<uuid:uuid>/balie/", views.handover, name="handover"),
]
