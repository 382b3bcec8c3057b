import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control

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
        if user is not None and user.is_authenticated and getattr(user, "is_party", False):
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


class StaffSecondFactorMiddleware:
    """Nobody works in the editor on a password alone: staff confirm a TOTP code once per session, and set up
    an authenticator app the first time. The login and logout pages and the second-factor pages stay open;
    anyone without editor access (residents) is left to Wagtail, which sends them to its login page."""

    def __init__(self, get_response):
        self.get_response = get_response
        prefix = settings.LOKET_ADMIN_PREFIX
        self.guarded = prefix
        self.open = (f"{prefix}login/", f"{prefix}logout/", f"{prefix}tweede-stap/")

    def __call__(self, request):
        path = request.path_info
        user = getattr(request, "user", None)
        if (
            path.startswith(self.guarded)
            and not path.startswith(self.open)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and user.has_perm("wagtailadmin.access_admin")
        ):
            from django_otp import user_has_device

            name = "portal_auth:staff_verify" if user_has_device(user) else "portal_auth:staff_setup"
            return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class ActingMiddleware:
    """While a resident acts for someone else (auth/acting.py), only the personal pages that know about it open;
    the others answer with a clear refusal and the way back. Sets `request.loket_acting` for the banner. Costs
    nothing for anyone not acting: the session says so before anything is loaded."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from auth import acting

        session = getattr(request, "session", None)
        if session is None or acting.SESSION_ACTING not in session:
            return None
        current = acting.acting(request)
        request.loket_acting = current
        match = request.resolver_match
        if current is None or match is None:
            return None
        if match.namespace in acting.PERSONAL and not current.allows(match.view_name):
            response = render(request, "portal_auth/acting_refused.html", {"acting": current}, status=403)
            patch_cache_control(response, private=True, no_store=True)
            return response
        return None
