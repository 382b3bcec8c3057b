import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from auth import context as auth_context
from auth.decorators import resident_required
from portal.payments import selectors, services
from portal.payments.models import Payment, PaymentTransition
from portal.payments.providers import ProviderRefused, ProviderUnavailable
from portal.payments.purposes import NothingToPay
from portal.payments.purposes import registry as purposes

logger = logging.getLogger(__name__)
MAX_ID_LENGTH = 64


@csrf_exempt
@require_POST
def webhook(request):
    """The provider says "something changed about payment X" and nothing else; Loket asks the provider what. An id
    it does not know gets the same answer as one it does (nothing to learn from probing); when the provider
    cannot be asked, a 503 makes the provider send the message again."""
    provider_id = request.POST.get("id", "")[:MAX_ID_LENGTH]
    payment = Payment.objects.filter(provider_id=provider_id).first() if provider_id else None
    if payment is not None:
        try:
            services.payment_sync(payment=payment, source=PaymentTransition.Source.WEBHOOK)
        except ProviderUnavailable:
            return HttpResponse(status=503)
        except ProviderRefused:
            logger.warning("provider refused to tell a payment's state", extra={"payment": payment.reference})
    return HttpResponse(status=200)


def returned(request, uuid):
    """The resident is back from the checkout: ask the provider now (the webhook may come later, or never) and go
    back to where they were. The opaque id shows nothing by itself: the page it leads to checks who is asking."""
    payment = get_object_or_404(Payment, uuid=uuid)
    try:
        payment = services.payment_sync(payment=payment, source=PaymentTransition.Source.RETURN)
    except (ProviderUnavailable, ProviderRefused):
        messages.info(request, _("We weten nog niet of uw betaling gelukt is. Dat ziet u hier zo gauw we het weten."))
    else:
        _say_how_it_went(request, payment)
    return HttpResponseRedirect(purposes[payment.purpose].return_url(payment=payment))


def _say_how_it_went(request, payment: Payment) -> None:
    if payment.is_paid:
        messages.success(request, _("Uw betaling is gelukt."))
    elif payment.state == Payment.State.OPEN:
        messages.info(request, _("Uw betaling is nog niet afgerond."))
    else:
        messages.warning(
            request,
            _("Uw betaling is niet gelukt (%(state)s). U kunt opnieuw betalen.")
            % {"state": payment.get_state_display().lower()},
        )


def to_checkout(request, *, purpose: str, purpose_id: str, back_url: str):
    """Start (or pick up) paying and send the resident to the provider's checkout; every way it can go wrong ends on
    a page that says so, with what they sent kept."""
    try:
        # Who pays is recorded with it: for a child's appointment, the parent who acted.
        payment = services.payment_start(
            purpose=purpose, purpose_id=purpose_id, auth_context=auth_context.for_request(request)
        )
    except NothingToPay:
        messages.info(request, _("Hiervoor hoeft u niets (meer) te betalen."))
        return HttpResponseRedirect(back_url)
    except ValidationError:
        logger.error("an amount that cannot be paid", extra={"purpose": purpose})
        messages.error(request, _("Dit bedrag kan niet online betaald worden. Neem contact op met de gemeente."))
        return HttpResponseRedirect(back_url)
    except ProviderUnavailable:
        response = render(request, "payments/unavailable.html", {"back_url": back_url}, status=503)
        patch_cache_control(response, private=True, no_store=True)
        return response
    if not payment.checkout_url:
        messages.info(request, _("Uw betaling wordt klaargezet. Probeer het over een ogenblik opnieuw."))
        return HttpResponseRedirect(back_url)
    return HttpResponseRedirect(payment.checkout_url)


def _owed(resident) -> list[dict]:
    """What each purpose says is still owed, less what a payment already paid (its purpose may not have heard yet:
    that runs as a task)."""
    owed = [
        {**item, "purpose": purpose.identifier} for purpose in purposes for item in purpose.owed_by(resident=resident)
    ]
    paid = selectors.paid_purpose_ids(purpose_ids=[item["purpose_id"] for item in owed])
    return [item for item in owed if (item["purpose"], item["purpose_id"]) not in paid]


@resident_required(business=True)
def payment_list(request):
    """What the resident still has to pay (asked of each purpose: a failed payment, or one never started because
    the provider was down) and every payment made, with receipts and refunds."""
    payments = list(selectors.payments_for_resident(resident=request.user)[:200])
    return render(request, "payments/list.html", {"payments": payments, "owed": _owed(request.user)})


@require_POST
@resident_required(business=True)
def pay_owed(request):
    """Pay something from the "still to pay" list; only what that list holds for this resident can be paid here."""
    wanted = (request.POST.get("purpose", ""), request.POST.get("purpose_id", ""))
    if wanted not in {(item["purpose"], item["purpose_id"]) for item in _owed(request.user)}:
        raise Http404
    return to_checkout(request, purpose=wanted[0], purpose_id=wanted[1], back_url=reverse("payments:list"))


@resident_required(business=True)
def receipt(request, uuid):
    from portal.payments.receipt import receipt_pdf

    try:
        payment = selectors.payment_for_resident(resident=request.user, uuid=uuid)
    except Payment.DoesNotExist as error:
        raise Http404 from error
    if not payment.is_paid:
        raise Http404
    name = f"betaalbewijs-{payment.reference}.pdf"
    return FileResponse(receipt_pdf(payment), content_type="application/pdf", as_attachment=True, filename=name)
