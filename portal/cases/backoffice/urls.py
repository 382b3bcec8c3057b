from django.urls import path

from portal.cases.backoffice import views

app_name = "cases_backoffice"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("nieuw/", views.register_case, name="register"),
    path("<uuid:uuid>/", views.case_detail, name="detail"),
    path("<uuid:uuid>/documenten/<uuid:document_uuid>/", views.case_document, name="document"),
    path("inwoner/<uuid:user_uuid>/", views.resident_record, name="resident"),
]
