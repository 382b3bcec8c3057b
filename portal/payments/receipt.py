"""A payment receipt as PDF/A-3b (archivable), rendered on request from the stored payment."""

import io

from django.conf import settings
from django.template.loader import render_to_string

from portal.core.pdf import archival_pdf


def receipt_pdf(payment) -> io.BytesIO:
    html = render_to_string("payments/receipt.html", {"payment": payment, "municipality": settings.WAGTAIL_SITE_NAME})
    data = archival_pdf(html, identifier=payment.reference.encode())
    return io.BytesIO(data)
