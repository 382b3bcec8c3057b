"""The post room's letters: one PDF/A per batch, a page per letter, the address placed for a window envelope."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from portal.core.pdf import archival_pdf
from portal.notices.runner import render_text
from portal.notices.selectors import letters_in_batch


def render_letter_batch(*, batch) -> bytes:
    """Letters are in Dutch (the post room does not know a resident's language), dates written out in it too."""
    with translation.override("nl"):
        letters = [
            {
                "name": notice.postal_name,
                "address": notice.postal_address,
                "date": notice.created_at,
                "subject": render_text(notice.rule.subject, notice.context),
                "body": render_text(notice.rule.body, notice.context),
                "link": f"{settings.LOKET_PUBLIC_URL}{notice.rule.link_url}" if notice.rule.link_url else "",
                "link_text": notice.rule.link_text,
            }
            for notice in letters_in_batch(batch=batch)
        ]
        html = render_to_string(
            "notices/letters.html",
            {"batch": batch, "letters": letters, "municipality": settings.WAGTAIL_SITE_NAME},
        )
    return archival_pdf(html, identifier=batch.uuid.hex.encode())
