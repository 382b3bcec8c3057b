from django.urls import path

from portal.inbox import views

app_name = "inbox"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("<uuid:uuid>/", views.message_detail, name="detail"),
    path("<uuid:uuid>/ongelezen/", views.message_mark_unread, name="mark_unread"),
    path("<uuid:uuid>/bijlagen/<int:attachment_id>/", views.attachment_download, name="attachment"),
]
