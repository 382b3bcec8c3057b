"""A payment receipt as PDF/A-3b (archivable), rendered on request from the stored payment."""

import io

from django.conf import settings
from django.template.loader import render_to_string


def receipt_pdf(payment) -> io.BytesIO:
    from weasyprint import HTML

    html = render_to_string("payments/receipt.html", {"payment": payment, "municipality": settings.WAGTAIL_SITE_NAME})
    data = HTML(string=html).write_pdf(pdf_variant="pdf/a-3b", pdf_identifier=payment.reference.encode())
    return io.BytesIO(data)
