from django.urls import path

from portal.records import views

app_name = "records"

urlpatterns = [
    path("", views.destruction_lists, name="list"),
    path("<str:number>/", views.destruction_list_detail, name="detail"),
]
