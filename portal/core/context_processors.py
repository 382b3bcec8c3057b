from django.conf import settings


def session_limits(request):
    """The idle limit for the session warning dialog in base.html."""
    return {
        "session_idle_seconds": settings.LOKET_SESSION_IDLE_SECONDS,
        "session_warning_seconds": settings.LOKET_SESSION_WARNING_SECONDS,
    }
