from functools import wraps
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from auth import loa
from auth.backends import SESSION_LOA


def _to_login(request, required_acr: str = ""):
    query = {"next": request.get_full_path()}
    if required_acr:
        query["niveau"] = required_acr
    return HttpResponseRedirect(f"{reverse('portal_auth:login')}?{urlencode(query)}")


def resident_required(view=None, *, loa_at_least: str = loa.BASIS):
    """A page for a resident logged in with DigiD at `loa_at_least` or higher; personal, so never cached.

    Anonymous visitors see the DigiD login page and come back here; a resident logged in at too low a level
    is asked to log in again at the required level (step-up), with an explanation rather than an error.
    """

    def decorate(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated or not getattr(user, "is_resident", False):
                return _to_login(request)
            if not loa.satisfies(request.session.get(SESSION_LOA, ""), loa_at_least):
                return _to_login(request, loa_at_least)
            response = view_func(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
