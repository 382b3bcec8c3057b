from django.urls import path

from portal.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("<uuid:uuid>/", views.case_detail, name="detail"),
    path("<uuid:uuid>/vragen/<uuid:request_uuid>/", views.answer_information_request, name="answer"),
    path("<uuid:uuid>/vraag/", views.ask_question, name="ask"),
    path("<uuid:uuid>/documenten/", views.add_documents, name="add_documents"),
    path("<uuid:uuid>/documenten/<uuid:document_uuid>/", views.document_download, name="document"),
]
