from django.urls import path

from portal.profile import views

app_name = "profile"

urlpatterns = [
    path("", views.my_details, name="my_details"),
    path("contact/", views.contact_preferences, name="contact_preferences"),
    path("contact/bevestigen/<slug:channel>/", views.verify_contact, name="verify_contact"),
    path("correctie/", views.brp_correction, name="brp_correction"),
    path("inzage/", views.access_log, name="access_log"),
    path("download/", views.data_download, name="data_download"),
    path("opheffen/", views.close_account, name="close_account"),
    path("download/<uuid:uuid>/", views.data_download_file, name="data_download_file"),
]
