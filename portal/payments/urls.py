from django.urls import path

from portal.payments import views

app_name = "payments"

urlpatterns = [
    path("betalen/webhook/", views.webhook, name="webhook"),
    path("betalen/<uuid:uuid>/terug/", views.returned, name="return"),
    path("mijn/betalingen/", views.payment_list, name="list"),
    path("mijn/betalingen/betalen/", views.pay_owed, name="pay"),
    path("mijn/betalingen/<uuid:uuid>/betaalbewijs.pdf", views.receipt, name="receipt"),
]
