from urllib.parse import parse_qsl, urlencode, urlsplit

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from oauth2_provider.models import get_application_model
from oauth2_provider.views import AuthorizationView

from auth import loa
from auth.services import resident_get_or_create
from auth.stand_in_idp import session
from auth.stand_in_idp.forms import PersonaLoginForm


def _minimum_acr(acr_values: str) -> str:
    """The lowest known level among `acr_values`: the level the relying party asks for at least."""
    known = [acr for acr, _label in loa.LEVELS if acr in acr_values.split()]
    return known[0] if known else ""


def _login_url(authorize_url: str, minimum_acr: str) -> str:
    return f"{reverse('oauth2_provider:stand-in-login')}?{urlencode({'next': authorize_url, 'niveau': minimum_acr})}"


class AuthorizeView(AuthorizationView):
    """DOT's authorization endpoint, with the stand-in's own login session instead of the portal's."""

    def dispatch(self, request, *args, **kwargs):
        idp_session = session.read(request)
        user = idp_session.user if idp_session else None
        minimum = _minimum_acr(request.GET.get("acr_values", ""))
        prompt = set(request.GET.get("prompt", "").split())
        if user is None or "login" in prompt or (minimum and not loa.satisfies(idp_session.acr, minimum)):
            query = [
                (key, value) for key, value in parse_qsl(urlsplit(request.get_full_path()).query) if key != "prompt"
            ]
            response = HttpResponseRedirect(_login_url(f"{request.path}?{urlencode(query)}", minimum))
            if "login" in prompt:
                session.clear(response)
            return response
        request.user = user
        self.idp_session = idp_session
        return super().dispatch(request, *args, **kwargs)

    def create_authorization_response(self, request, scopes, credentials, allow):
        credentials = {
            **credentials,
            "loket_acr": self.idp_session.acr,
            "loket_authenticated_at": self.idp_session.authenticated_at,
        }
        return super().create_authorization_response(request, scopes, credentials, allow)


@never_cache
@csrf_protect
def login(request):
    """The DigiD stand-in's login page: pick a persona or type a BSN, and choose the level of assurance."""
    next_url = request.GET.get("next", "")
    if not next_url.startswith(reverse("oauth2_provider:authorize")):
        next_url = ""
    minimum = _minimum_acr(request.GET.get("niveau", ""))
    form = PersonaLoginForm(request.POST or None, minimum_acr=minimum)
    if request.method == "POST" and form.is_valid() and next_url:
        resident = resident_get_or_create(bsn=form.chosen_bsn)
        response = HttpResponseRedirect(next_url)
        session.write(response, user_id=resident.pk, acr=form.cleaned_data["acr"])
        return response
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "stand_in_idp/login.html",
        {"form": form, "next_url": next_url, "minimum_label": loa.label(minimum) if minimum else ""},
        status=status,
    )


@never_cache
def end_session(request):
    """RP-initiated logout: ends the stand-in's session and returns to the portal if the portal asked to."""
    client_id = request.GET.get("client_id", "")
    target = request.GET.get("post_logout_redirect_uri", "")
    application = get_application_model().objects.filter(client_id=client_id).first() if client_id else None
    allowed = (
        application is not None
        and target in application.post_logout_redirect_uris.split()
        and url_has_allowed_host_and_scheme(target, allowed_hosts={urlsplit(target).netloc})
    )
    if allowed:
        state = request.GET.get("state")
        response = HttpResponseRedirect(f"{target}?{urlencode({'state': state})}" if state else target)
    else:
        response = render(request, "stand_in_idp/logged_out.html")
    session.clear(response)
    return response
