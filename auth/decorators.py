from functools import wraps
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control

from auth import loa
from auth.backends import SESSION_LOA


def _to_login(request, required_acr: str = "", means: tuple[str, ...] = (), service: str = "", eh_acr: str = ""):
    query = {"next": request.get_full_path()}
    if required_acr:
        query["niveau"] = required_acr
    if means:
        query["middelen"] = ",".join(means)
    if service:  # the form may be filled in for someone else, with a mandate for this service
        query |= {"dienst": service, "niveau_eh": eh_acr}
    return HttpResponseRedirect(f"{reverse('portal_auth:login')}?{urlencode(query)}")


def business_refused(request):
    """A business (eHerkenning) on a page that is about a person: said plainly, with the way to what it can use."""
    response = render(request, "portal_auth/business_refused.html", status=403)
    patch_cache_control(response, private=True, no_store=True)
    return response


def resident_required(view=None, *, loa_at_least: str = loa.BASIS, business: bool = False):
    """A page for a resident logged in with DigiD at `loa_at_least` or higher; personal, so never cached.

    Anonymous visitors see the login page and come back here; a resident logged in at too low a level is asked to
    log in again at the required level (step-up), with an explanation rather than an error. With `business`, a
    business logged in with eHerkenning may use the page too (about the company: its cases, messages, reports);
    on any other page it is refused with an explanation.
    """

    def decorate(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if user.is_authenticated and getattr(user, "is_business", False):
                if not business:
                    return business_refused(request)
            elif not user.is_authenticated or not getattr(user, "is_resident", False):
                return _to_login(request)
            elif not loa.satisfies(request.session.get(SESSION_LOA, ""), loa_at_least):
                return _to_login(request, loa_at_least)
            response = view_func(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
