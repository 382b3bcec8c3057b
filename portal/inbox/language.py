from django.conf import settings
from django.utils import translation


def in_language_of(resident):
    """What is written to a resident (an inbox message, the notice of it) is written in their language: the one
    their account remembers (auth.views.language_switch), else the site's default; whoever sets it off (staff in
    Dutch, a scheduled run, a partner in English). The sender's own language is back as it was afterwards."""
    return translation.override(getattr(resident, "language", "") or settings.LANGUAGE_CODE)
