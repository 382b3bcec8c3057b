"""Payments in the Wagtail admin ("Betalingen") for finance: find a payment by its reference, refund with a
reason (permission, audit-logged), and the day's reconciliation export (CSV) whose totals match the provider's."""

import csv
import datetime
import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.digits import ascii_digits
from portal.payments.models import PAID_STATES, Payment, Refund
from portal.payments.providers import ProviderRefused, ProviderUnavailable, cents_to_value
from portal.payments.services import payment_refund

SHOWN = 100
_EUROS = re.compile(r"^(\d{1,7})(?:[.,](\d{1,2}))?$")


def euros_to_cents(text: str) -> int:
    """ "17,10", "17.1" or "17" → cents; anything else is refused (no floats, no thousands separators)."""
    match = _EUROS.match(ascii_digits(text).strip().removeprefix("€").strip())
    if not match:
        raise ValidationError(_("Vul een bedrag in euro's in, bijvoorbeeld 12,50."))
    return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))


class RefundForm(forms.Form):
    amount = forms.CharField(
        label=gettext_lazy("Bedrag (euro)"),
        max_length=20,
        help_text=gettext_lazy("Bijvoorbeeld 17,10. Ten hoogste wat nog niet is terugbetaald."),
        error_messages={
            "required": gettext_lazy("Vul het bedrag in."),
            "max_length": gettext_lazy("Vul een bedrag in euro's in, bijvoorbeeld 12,50."),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Reden"),
        max_length=200,
        help_text=gettext_lazy("Staat in het logboek en in de export; de inwoner ziet het bedrag en de datum."),
        error_messages={"required": gettext_lazy("Geef een reden voor de terugbetaling.")},
    )

    def clean_amount(self) -> int:
        return euros_to_cents(self.cleaned_data["amount"])


def _day(request) -> datetime.date:
    return parse_date(request.GET.get("datum", "") or "") or timezone.localdate()


@permission_required("payments.view_payment", raise_exception=True)
def payment_list(request):
    query = request.GET.get("q", "").strip()[:100]
    state = request.GET.get("stand", "")
    payments = Payment.objects.exclude(provider_id__isnull=True)
    if query:
        payments = payments.filter(
            Q(reference__iexact=query) | Q(provider_id__iexact=query) | Q(description__icontains=query)
        )
    if state in Payment.State.values:
        payments = payments.filter(state=state)
    context = {
        "payments": payments.order_by("-created_at")[:SHOWN],
        "query": query,
        "state": state,
        "states": Payment.State.choices,
        "day": _day(request),
        "totals": day_totals(day=_day(request)),
    }
    return render(request, "payments/backoffice/payment_list.html", context)


@permission_required("payments.view_payment", raise_exception=True)
def payment_detail(request, uuid):
    payment = Payment.objects.prefetch_related("transitions", "refunds__by").filter(uuid=uuid).first()
    if payment is None:
        raise Http404
    may_refund = request.user.has_perm("payments.refund_payment") and payment.refundable_cents > 0
    form = RefundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_refund:
            raise Http404
        if form.is_valid():
            try:
                payment_refund(
                    payment=payment,
                    amount_cents=form.cleaned_data["amount"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("amount", message)
            except (ProviderUnavailable, ProviderRefused):
                form.add_error(None, _("De betaalprovider is niet bereikbaar of weigert. Er is niets terugbetaald."))
            else:
                messages.success(request, _("Terugbetaling aangevraagd voor %(reference)s.") % {"reference": payment})
                return redirect("payments_backoffice:detail", uuid=payment.uuid)
    status = 400 if request.method == "POST" else 200
    context = {"payment": payment, "form": form, "may_refund": may_refund}
    return render(request, "payments/backoffice/payment_detail.html", context, status=status)


def _euros(cents: int) -> str:
    """Signed, with a dot, as accounting software reads amounts: -17.10."""
    return ("-" if cents < 0 else "") + cents_to_value(abs(cents))


@permission_required("payments.view_payment", raise_exception=True)
def export(request):
    """One day's money for finance: every payment paid that day and every refund made that day (negative), with the
    product, its ledger code, the provider's fee and the state now. Amounts in euros with a dot, as accounting
    software reads them."""
    day = _day(request)
    paid = Payment.objects.filter(paid_at__date=day, state__in=PAID_STATES).order_by("paid_at")
    refunds = Refund.objects.filter(created_at__date=day).select_related("payment").order_by("created_at")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="betalingen-{day.isoformat()}.csv"'
    writer = csv.writer(response)
    writer.writerow(["datum", "kenmerk", "product", "grootboekrekening", "bedrag", "kosten", "stand"])
    for payment in paid:
        writer.writerow(
            [
                timezone.localtime(payment.paid_at).date().isoformat(),
                payment.reference,
                _safe(payment.description),
                payment.ledger_code,
                _euros(payment.amount_cents),
                _euros(payment.fee_cents),
                payment.state,
            ]
        )
    for refund in refunds:
        writer.writerow(
            [
                timezone.localtime(refund.created_at).date().isoformat(),
                refund.payment.reference,
                _safe(refund.payment.description),
                refund.payment.ledger_code,
                _euros(-refund.amount_cents),
                _euros(0),
                "refund",
            ]
        )
    return response


def _safe(text: str) -> str:
    """A cell a spreadsheet would run as a formula starts with a quote instead (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def day_totals(*, day: datetime.date) -> dict[str, int]:
    paid = Payment.objects.filter(paid_at__date=day, state__in=PAID_STATES).aggregate(total=Sum("amount_cents"))
    refunded = Refund.objects.filter(created_at__date=day).aggregate(total=Sum("amount_cents"))
    return {"paid": paid["total"] or 0, "refunded": refunded["total"] or 0}
