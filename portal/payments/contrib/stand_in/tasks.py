import logging

import requests
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def deliver_webhook(payment_id: str) -> str:
    """POST `id=tr_...` to the shop's webhook, as Mollie does. A failure is logged; the shop's own reconcile heals."""
    from portal.payments.contrib.stand_in.models import StandInPayment

    payment = StandInPayment.objects.get(pk=payment_id)
    try:
        response = requests.post(payment.webhook_url, data={"id": payment.pk}, timeout=10)
    except requests.RequestException as error:
        logger.warning("stand-in webhook not delivered", extra={"error": type(error).__name__})
        return "failed"
    return str(response.status_code)
