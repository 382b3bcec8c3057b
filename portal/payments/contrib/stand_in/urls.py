from django.urls import path

from portal.payments.contrib.stand_in import api, views

app_name = "psp_stand_in"

urlpatterns = [
    path("v2/payments", api.payments, name="payments"),
    path("v2/payments/<str:payment_id>", api.payment, name="payment"),
    path("v2/payments/<str:payment_id>/refunds", api.refunds, name="refunds"),
    path("checkout/<str:payment_id>/", views.checkout, name="checkout"),
]
