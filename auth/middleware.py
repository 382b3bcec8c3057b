import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.http import HttpResponseRedirect
from django.urls import reverse

LAST_ACTIVITY = "loket_last_activity"
LOGIN_AT = "loket_login_at"
# Writing the session on every request costs a database write; a few seconds of slack costs nothing.
_WRITE_EVERY_SECONDS = 15


def start_session_clock(sender, request, user, **kwargs):
    """`user_logged_in` receiver: the idle and absolute limits count from the login."""
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[LAST_ACTIVITY] = now


class ResidentSessionTimeoutMiddleware:
    """DigiD's rules, enforced on the server: 15 minutes without activity or 8 hours after login, and the
    resident is logged out. The warning dialog is a courtesy in the browser; this is the rule."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "is_resident", False):
            now = time.time()
            session = request.session
            last = session.get(LAST_ACTIVITY, now)
            started = session.get(LOGIN_AT, now)
            if now - last > settings.LOKET_SESSION_IDLE_SECONDS or now - started > settings.LOKET_SESSION_MAX_SECONDS:
                auth.logout(request)
                target = reverse("portal_auth:session_expired")
                if request.method == "GET":
                    target += "?" + urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(target)
            if now - last >= _WRITE_EVERY_SECONDS or LAST_ACTIVITY not in session:
                session[LAST_ACTIVITY] = now
                session.setdefault(LOGIN_AT, now)
        return self.get_response(request)
