from django.urls import path

from portal.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("<uuid:uuid>/", views.case_detail, name="detail"),
]
