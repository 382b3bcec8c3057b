import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import LANGUAGE_QUERY_PARAMETER, set_language
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from auth import acting as acting_service
from auth import eherkenning, loa, mandates
from auth.decorators import resident_required
from auth.oidc import ProviderUnavailable, provider_metadata
from auth.services import account_language_set
from portal.core import languages
from portal.registries.base import RegistryUnavailable

logger = logging.getLogger(__name__)
SESSION_REQUIRED_LOA = "loket_required_loa"


def _safe_next(request, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return settings.LOGIN_REDIRECT_URL


@never_cache
def login(request):
    """Why you need to log in, and a button per means that applies: DigiD for residents, eHerkenning for
    businesses. `niveau` asks for a higher level (step-up), `middelen` limits the means (a form that accepts one).
    `dienst` (a form's ServiceUUID) adds the logins for someone else: DigiD Machtigen and eHerkenning bewindvoering
    (at `niveau_eh`)."""
    next_url = _safe_next(request, request.GET.get("next", ""))
    required = request.GET.get("niveau", "")
    means = set(request.GET.get("middelen", "").split(",")) & {eherkenning.DIGID, eherkenning.EHERKENNING}
    if loa.is_known(required):
        means, digid_level, eh_level = {eherkenning.DIGID}, required, ""
    elif loa.is_eherkenning(required):
        means, digid_level, eh_level = {eherkenning.EHERKENNING}, "", required
    else:
        means, digid_level, eh_level = means or {eherkenning.DIGID, eherkenning.EHERKENNING}, "", ""
    context = {"next_url": next_url, "required_level": loa.label(digid_level) or loa.eh_label(eh_level)}
    if eherkenning.DIGID in means:
        query = urlencode({"next": next_url, "niveau": digid_level})
        context["start_url"] = f"{reverse('portal_auth:start')}?{query}"
    if eherkenning.EHERKENNING in means:
        query = urlencode({"next": next_url, "niveau": eh_level})
        context["eherkenning_url"] = f"{reverse('portal_auth:start_eherkenning')}?{query}"
    service = mandates.service_uuid(request.GET.get("dienst", ""))
    if service and eherkenning.DIGID in means:  # a form residents may have someone fill in for them
        bewind_level = request.GET.get("niveau_eh", "")
        bewind_level = bewind_level if loa.is_eherkenning(bewind_level) else loa.EH3
        for key, name, level in (
            ("machtigen_url", "start_machtigen", digid_level),
            ("bewindvoering_url", "start_bewindvoering", bewind_level),
        ):
            query = urlencode({"next": next_url, "dienst": service, "niveau": level})
            context[key] = f"{reverse(f'portal_auth:{name}')}?{query}"
    return render(request, "portal_auth/login.html", context)


def _failure(request, reason: str, status: int = 400):
    return render(request, "portal_auth/login_failed.html", {"reason": reason}, status=status)


class StartLoginView(OIDCAuthenticationRequestView):
    """Sends the resident to DigiD with state, nonce and PKCE; endpoints from the provider's discovery."""

    def __init__(self, *args, **kwargs):
        View.__init__(self, *args, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    means = eherkenning.DIGID

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_metadata()["authorization_endpoint"]
        except ProviderUnavailable:
            return _failure(request, "unavailable", status=503)
        request.session[eherkenning.SESSION_MEANS] = self.means
        return super().get(request)

    def get_extra_params(self, request):
        required = request.GET.get("niveau", "")
        return {"acr_values": required} if loa.is_known(required) else {}


class StartEherkenningView(StartLoginView):
    """The same provider, asked for an eHerkenning login by its levels (as brokers choose the means by
    `acr_values`), at least eH2+."""

    means = eherkenning.EHERKENNING

    def get_extra_params(self, request):
        required = request.GET.get("niveau", "")
        return {"acr_values": required if loa.is_eherkenning(required) else loa.EH2_PLUS}


class _StartWithMandate:
    """A login for someone else, for one service (`dienst`, its ServiceUUID): the broker is asked for that service
    (`service_uuid`) and the callback accepts a mandate for that service only."""

    def get(self, request):
        service = mandates.service_uuid(request.GET.get("dienst", ""))
        if not service:
            return _failure(request, "refused")
        request.session[mandates.SESSION_SERVICE] = service
        return super().get(request)

    def get_extra_params(self, request):
        return {**super().get_extra_params(request), "service_uuid": request.session[mandates.SESSION_SERVICE]}


class StartMachtigenView(_StartWithMandate, StartLoginView):
    """DigiD Machtigen: the resident logs in with their own DigiD and chooses whom they act for."""

    means = eherkenning.MACHTIGEN


class StartBewindvoeringView(_StartWithMandate, StartEherkenningView):
    """eHerkenning bewindvoering: an organisation logs in with eHerkenning and chooses the client it acts for."""

    means = eherkenning.BEWINDVOERING


class CallbackView(OIDCAuthenticationCallbackView):
    """DigiD's answer. Every way it can go wrong ends on a clear page, without a login and without a 500."""

    def get(self, request):
        if request.GET.get("error"):
            if request.user.is_authenticated:
                auth.logout(request)
            reason = "cancelled" if request.GET["error"] == "access_denied" else "refused"
            return _failure(request, reason)
        try:
            return super().get(request)
        except ProviderUnavailable:
            return _failure(request, "unavailable", status=503)
        except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError, ValueError, KeyError) as error:
            # The exception's text can hold token contents; only its type is logged.
            logger.warning("DigiD login refused: %s", type(error).__name__)
            return _failure(request, "refused")

    def login_failure(self):
        logger.warning("DigiD login failed")
        return _failure(self.request, "refused")


@require_POST
def logout(request):
    """Ends the portal session, then the DigiD session at the identity provider."""
    id_token = request.session.get("oidc_id_token", "")
    auth.logout(request)
    try:
        end_session = provider_metadata().get("end_session_endpoint")
    except ProviderUnavailable:
        end_session = None
    done = request.build_absolute_uri(reverse("portal_auth:logged_out"))
    if not end_session:
        return HttpResponseRedirect(done)
    query = {"client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": done}
    if id_token:
        query["id_token_hint"] = id_token
    return HttpResponseRedirect(f"{end_session}?{urlencode(query)}")


@never_cache
def logged_out(request):
    return render(request, "portal_auth/logged_out.html")


@never_cache
def session_expired(request):
    return render(request, "portal_auth/session_expired.html")


@never_cache
@require_POST
def keep_alive(request):
    """Called by the session warning's 'stay logged in' button; the middleware already noted the activity."""
    return JsonResponse({"authenticated": request.user.is_authenticated})


@resident_required
def act_for(request):
    """Choose whom to act for: the resident's minor children over whom they hold custody in the BRP."""
    refused = unavailable = False
    if request.method == "POST":
        try:
            chosen = acting_service.act_for_child(request, request.POST.get("kind", ""))
        except acting_service.NotAllowed:
            refused = True
        except RegistryUnavailable:
            unavailable = True
        else:
            messages.success(request, _("U handelt nu namens %(name)s.") % {"name": chosen.name})
            return HttpResponseRedirect(reverse("dashboard:overview"))
    minors = None
    if not unavailable:
        try:
            minors = acting_service.minors_in_custody(request)
        except RegistryUnavailable:
            unavailable = True
    context = {"minors": minors, "refused": refused, "unavailable": unavailable}
    status = 403 if refused else (503 if unavailable else 200)
    return render(request, "portal_auth/act_for.html", context, status=status)


@require_POST
@resident_required(business=True)
def act_stop(request):
    """Back to acting for oneself."""
    if acting_service.acting(request) is not None:
        acting_service.stop_acting(request)
        messages.info(request, _("U handelt weer voor uzelf."))
    return HttpResponseRedirect(reverse("dashboard:overview"))


def language_switch(request):
    """Django's language switch (the cookie), which a logged-in resident's or business's account also remembers:
    their next DigiD or eHerkenning login, on any device, opens in it (auth.apps: remember_language)."""
    response = set_language(request)
    language = request.POST.get(LANGUAGE_QUERY_PARAMETER, "") if request.method == "POST" else ""
    next_url = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if language in dict(settings.LANGUAGES) and safe and response.status_code == 302:
        # The page's own address in the new language comes with the switch (cms.i18n.switch_target); Django's
        # guess from the old address would keep an address that is English, or a Dutch slug under /en/.
        response["Location"] = languages.in_language(next_url, language)
    user = request.user
    if language in dict(settings.LANGUAGES) and user.is_authenticated and getattr(user, "is_party", False):
        account_language_set(user=user, language=language)
    return response


def chosen_before_login(request) -> str:
    """The language chosen on this device before a login (the language switch's cookie), or ""."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "") if request is not None else ""
    return chosen if chosen in dict(settings.LANGUAGES) else ""


def remember_language(sender, request, user, **kwargs):
    """`user_logged_in` receiver: a language chosen on this device before the login is the account's from now on;
    without one, the account's language is this device's too (the cookie is set on the login's answer)."""
    if request is None or not getattr(user, "is_party", False):
        return
    chosen = chosen_before_login(request)
    if chosen:
        account_language_set(user=user, language=chosen)
    elif user.language in dict(settings.LANGUAGES):
        request.loket_account_language = user.language
