"""The stand-in's checkout page: an iDEAL bank list where the tester picks what happens (paid, failed, cancelled,
expired, or left open), then back to the shop; the shop hears of it by a webhook that carries only the id."""

from django import forms
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.payments.contrib.stand_in.api import expire_if_due
from portal.payments.contrib.stand_in.models import StandInPayment
from portal.payments.contrib.stand_in.tasks import deliver_webhook

BANKS = [
    ("ideal_ABNANL2A", "ABN AMRO"),
    ("ideal_ASNBNL21", "ASN Bank"),
    ("ideal_BUNQNL2A", "bunq"),
    ("ideal_INGBNL2A", "ING"),
    ("ideal_KNABNL2H", "Knab"),
    ("ideal_RABONL2U", "Rabobank"),
    ("ideal_RBRBNL21", "RegioBank"),
    ("ideal_SNSBNL2A", "SNS"),
    ("ideal_TRIONL2U", "Triodos Bank"),
]
OUTCOMES = [
    ("paid", _("Betaald")),
    ("failed", _("Mislukt")),
    ("canceled", _("Geannuleerd")),
    ("expired", _("Verlopen")),
    ("open", _("Open laten: terug zonder te betalen")),
]


class CheckoutForm(forms.Form):
    issuer = forms.ChoiceField(
        label=_("Uw bank"), choices=[("", _("Kies uw bank")), *BANKS], error_messages={"required": _("Kies uw bank.")}
    )
    outcome = forms.ChoiceField(
        label=_("Uitkomst van de betaling (testomgeving)"),
        choices=OUTCOMES,
        widget=forms.RadioSelect,
        initial="paid",
        error_messages={"required": _("Kies een uitkomst.")},
    )


def checkout(request, payment_id):
    payment = StandInPayment.objects.filter(pk=payment_id).first()
    if payment is None:
        raise Http404
    payment = expire_if_due(payment)
    if payment.status != StandInPayment.Status.OPEN:
        return render(request, "payments_stand_in/checkout.html", {"payment": payment, "done": True})
    form = CheckoutForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome = form.cleaned_data["outcome"]
        if outcome != "open":
            with transaction.atomic():
                changed = StandInPayment.objects.filter(pk=payment.pk, status=StandInPayment.Status.OPEN).update(
                    status=outcome, issuer=form.cleaned_data["issuer"], status_at=timezone.now()
                )
                if changed and payment.webhook_url:
                    transaction.on_commit(lambda: deliver_webhook.enqueue(payment_id=payment.pk))
        return HttpResponseRedirect(payment.redirect_url)
    return render(request, "payments_stand_in/checkout.html", {"payment": payment, "form": form})
