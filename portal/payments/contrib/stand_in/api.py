"""The stand-in provider's API, shaped like Mollie's Payments API v2: the same paths, fields, statuses, problem
documents and Idempotency-Key behaviour, so Loket's Mollie plugin is tested against it as it would run."""

import datetime
import hmac
import json
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from portal.payments.contrib.stand_in.models import StandInPayment, StandInRefund
from portal.payments.providers import cents_to_value, value_to_cents

HAL = "application/hal+json"
MAX_BODY = 16 * 1024
MAX_METADATA = 1024
MAX_IDEMPOTENCY_KEY = 100
MAX_CENTS = 5_000_000  # iDEAL's own maximum: € 50.000
CHECKOUT_MINUTES = 15  # an iDEAL payment not finished in 15 minutes expires
FEE_CENTS = 29  # what the stand-in keeps per iDEAL payment, so finance's export has a fee to show
DOCS = {"href": "https://docs.mollie.com/reference/v2/payments-api/create-payment", "type": "text/html"}
_ID = re.compile(r"^tr_[A-Za-z0-9]{10}$")


class Problem(Exception):
    def __init__(self, status: int, title: str, detail: str, field: str = ""):
        super().__init__(detail)
        self.status, self.title, self.detail, self.field = status, title, detail, field


def _problem(problem: Problem) -> JsonResponse:
    body = {
        "status": problem.status,
        "title": problem.title,
        "detail": problem.detail,
        "_links": {"documentation": DOCS},
    }
    if problem.field:
        body["field"] = problem.field
    return JsonResponse(body, status=problem.status, content_type=HAL)


def _invalid(detail: str, field: str) -> Problem:
    return Problem(422, "Unprocessable Entity", detail, field)


def _api(view):
    """The API key (a Bearer token), then problem documents for whatever goes wrong."""

    @csrf_exempt
    def wrapper(request, *args, **kwargs):
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not given or not hmac.compare_digest(given, settings.PSP_STAND_IN_API_KEY):
            return _problem(Problem(401, "Unauthorized Request", "Missing authentication, or failed to authenticate"))
        try:
            return view(request, *args, **kwargs)
        except Problem as problem:
            return _problem(problem)

    return wrapper


def _body(request) -> dict:
    if len(request.body) > MAX_BODY:
        raise Problem(413, "Request Entity Too Large", "The request body is too large.")
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as error:
        raise Problem(400, "Bad Request", "The request body is not valid JSON.") from error
    if not isinstance(body, dict):
        raise Problem(400, "Bad Request", "The request body must be a JSON object.")
    return body


def _amount(body: dict, *, field: str = "amount") -> int:
    amount = body.get(field)
    if not isinstance(amount, dict):
        raise _invalid("The amount is required and must be an object with a currency and a value.", field)
    if amount.get("currency") != "EUR":
        raise _invalid("The currency must be EUR.", f"{field}.currency")
    try:
        cents = value_to_cents(amount.get("value"))
    except ValueError as error:
        raise _invalid(
            'The amount value must be a string with two decimals, e.g. "10.00".', f"{field}.value"
        ) from error
    if not 1 <= cents <= MAX_CENTS:
        raise _invalid("The amount is lower than the minimum or higher than the maximum.", f"{field}.value")
    return cents


def _controls(value: str) -> bool:
    """Control characters (NUL, line breaks, ...), which no description or address holds; PostgreSQL cannot even
    store a NUL, so letting one through answered 500 (found by the fuzzing in tests/fuzz)."""
    return any(ord(character) < 32 or ord(character) == 127 for character in value)


def _description(body: dict, *, required: bool) -> str:
    description = body.get("description", None if required else "")
    if not isinstance(description, str) or (required and not description.strip()) or len(description) > 255:
        if required:
            raise _invalid("The description is required and at most 255 characters.", "description")
        raise _invalid("The description is at most 255 characters.", "description")
    if _controls(description):
        raise _invalid("The description holds a control character.", "description")
    return description


def _url(body: dict, field: str, *, required: bool) -> str:
    value = body.get(field)
    if value in (None, "") and not required:
        return ""
    parts = urlsplit(value) if isinstance(value, str) and len(value) <= 2000 else None
    # Any http(s) URL with a host, the test server's own included (Django's URLValidator wants a top-level domain).
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or _controls(value)
        or any(c.isspace() for c in value)
    ):
        raise _invalid(f"The {field} is invalid.", field)
    return value


def _money(cents: int) -> dict:
    return {"value": cents_to_value(cents), "currency": "EUR"}


def _iso(moment) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def expire_if_due(payment: StandInPayment) -> StandInPayment:
    if payment.status == StandInPayment.Status.OPEN and payment.expires_at <= timezone.now():
        StandInPayment.objects.filter(pk=payment.pk, status=StandInPayment.Status.OPEN).update(
            status=StandInPayment.Status.EXPIRED, status_at=payment.expires_at
        )
        payment.refresh_from_db()
    return payment


def payment_json(request, payment: StandInPayment) -> dict:
    Status = StandInPayment.Status
    links = {
        "self": {"href": request.build_absolute_uri(reverse("psp_stand_in:payment", args=[payment.id])), "type": HAL},
        "documentation": DOCS,
    }
    data = {
        "resource": "payment",
        "id": payment.id,
        "mode": "test",
        "createdAt": _iso(payment.created_at),
        "amount": _money(payment.amount_cents),
        "description": payment.description,
        "method": "ideal",
        "metadata": payment.metadata,
        "status": payment.status,
        "isCancelable": False,
        "profileId": "pfl_standin01",
        "sequenceType": "oneoff",
        "redirectUrl": payment.redirect_url,
        "webhookUrl": payment.webhook_url or None,
        "_links": links,
    }
    if payment.status == Status.OPEN:
        data["expiresAt"] = _iso(payment.expires_at)
        links["checkout"] = {
            "href": request.build_absolute_uri(reverse("psp_stand_in:checkout", args=[payment.id])),
            "type": "text/html",
        }
    else:
        data[
            {"paid": "paidAt", "failed": "failedAt", "canceled": "canceledAt", "expired": "expiredAt"}[payment.status]
        ] = _iso(payment.status_at)
    if payment.status == Status.PAID:
        refunded = sum(refund.amount_cents for refund in payment.refunds.all())
        data["amountRefunded"] = _money(refunded)
        data["amountRemaining"] = _money(payment.amount_cents - refunded)
        data["settlementAmount"] = _money(max(payment.amount_cents - FEE_CENTS, 0))
        data["details"] = {
            "consumerName": "T. TEST",
            "consumerAccount": "NL53INGB0000000000",
            "consumerBic": "INGBNL2A",
        }
        links["refunds"] = {
            "href": request.build_absolute_uri(reverse("psp_stand_in:refunds", args=[payment.id])),
            "type": HAL,
        }
    return data


def refund_json(request, refund: StandInRefund) -> dict:
    return {
        "resource": "refund",
        "id": refund.id,
        "amount": _money(refund.amount_cents),
        "status": "pending",
        "createdAt": _iso(refund.created_at),
        "description": refund.description,
        "paymentId": refund.payment_id,
        "_links": {
            "payment": {
                "href": request.build_absolute_uri(reverse("psp_stand_in:payment", args=[refund.payment_id])),
                "type": HAL,
            },
            "documentation": DOCS,
        },
    }


def _idempotency_key(request) -> str | None:
    key = request.headers.get("Idempotency-Key", "")
    if len(key) > MAX_IDEMPOTENCY_KEY:  # never cut short: two different keys would become one
        raise Problem(400, "Bad Request", "The Idempotency-Key header is too long.")
    return key or None


def _replayed(data: dict, status: int = 201) -> JsonResponse:
    response = JsonResponse(data, status=status, content_type=HAL)
    response["Idempotent-Replayed"] = "true"
    return response


@_api
@require_http_methods(["POST"])
def payments(request):
    key = _idempotency_key(request)
    if key:
        earlier = StandInPayment.objects.filter(idempotency_key=key).first()
        if earlier is not None:
            return _replayed(payment_json(request, earlier))
    body = _body(request)
    cents = _amount(body)
    description = _description(body, required=True)
    metadata = body.get("metadata")
    if metadata is not None and len(json.dumps(metadata)) > MAX_METADATA:
        raise _invalid("The metadata is too large (at most 1 kB).", "metadata")
    if metadata is not None and "\\u0000" in json.dumps(metadata):  # a NUL, which PostgreSQL's jsonb refuses
        raise _invalid("The metadata holds a NUL character.", "metadata")
    if body.get("method") not in (None, "ideal"):  # the only method the stand-in offers; Mollie refuses others too
        raise _invalid("The payment method is invalid.", "method")
    payment = StandInPayment(
        amount_cents=cents,
        description=description,
        redirect_url=_url(body, "redirectUrl", required=True),
        webhook_url=_url(body, "webhookUrl", required=False),
        metadata=metadata,
        idempotency_key=key,
        expires_at=timezone.now() + datetime.timedelta(minutes=CHECKOUT_MINUTES),
    )
    try:
        with transaction.atomic():
            payment.save()
    except IntegrityError:  # the same key at the same moment: that request's payment
        return _replayed(payment_json(request, StandInPayment.objects.get(idempotency_key=key)))
    return JsonResponse(payment_json(request, payment), status=201, content_type=HAL)


def _payment_or_404(payment_id: str) -> StandInPayment:
    payment = StandInPayment.objects.filter(pk=payment_id).first() if _ID.match(payment_id) else None
    if payment is None:
        raise Problem(404, "Not Found", f"No payment exists with token {payment_id[:20]}.")
    return payment


@_api
@require_GET
def payment(request, payment_id):
    return JsonResponse(payment_json(request, expire_if_due(_payment_or_404(payment_id))), content_type=HAL)


@_api
@require_http_methods(["GET", "POST"])
def refunds(request, payment_id):
    found = _payment_or_404(payment_id)
    if request.method == "GET":
        items = [refund_json(request, refund) for refund in found.refunds.order_by("created_at")]
        return JsonResponse({"count": len(items), "_embedded": {"refunds": items}, "_links": {}}, content_type=HAL)
    key = _idempotency_key(request)
    if key:
        earlier = StandInRefund.objects.filter(idempotency_key=key, payment=found).first()
        if earlier is not None:
            return _replayed(refund_json(request, earlier))
    body = _body(request)
    cents = _amount(body)
    description = _description(body, required=False)
    with transaction.atomic():
        locked = StandInPayment.objects.select_for_update().get(pk=found.pk)
        if locked.status != StandInPayment.Status.PAID:
            raise _invalid("The payment has not been paid, so it cannot be refunded.", "amount")
        refunded = locked.refunds.aggregate(total=models.Sum("amount_cents"))["total"] or 0
        if cents > locked.amount_cents - refunded:
            raise _invalid("The amount is higher than the amount that can still be refunded.", "amount.value")
        refund = StandInRefund.objects.create(
            payment=locked, amount_cents=cents, description=description, idempotency_key=key
        )
    return JsonResponse(refund_json(request, refund), status=201, content_type=HAL)
