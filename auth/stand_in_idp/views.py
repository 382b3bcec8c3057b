import hashlib
import hmac
import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from oauth2_provider.models import get_application_model
from oauth2_provider.views import AuthorizationView

from auth import loa, mandates
from auth.services import company_get_or_create, resident_get_or_create
from auth.stand_in_idp import session
from auth.stand_in_idp.forms import CompanyLoginForm, MandateChoiceForm, PersonaLoginForm
from auth.stand_in_idp.personas import mandates_for


def _minimum_acr(acr_values: str) -> str:
    """The lowest known level among `acr_values`: the level the relying party asks for at least. eHerkenning levels
    ask for an eHerkenning login (as a broker's acr_values choose the means); anything below eH2+ counts as eH2+."""
    values = acr_values.split()
    if any(value in loa.EH_ALL for value in values):
        known = [acr for acr, _label in loa.EH_LEVELS if acr in values]
        return known[0] if known else loa.EH2_PLUS
    known = [acr for acr, _label in loa.LEVELS if acr in values]
    return known[0] if known else ""


def _login_url(authorize_url: str, minimum_acr: str, service: str = "") -> str:
    name = "stand-in-eherkenning" if minimum_acr in loa.EH_ALL else "stand-in-login"
    query = {"next": authorize_url, "niveau": minimum_acr}
    if service:
        query["dienst"] = service
    return f"{reverse(f'oauth2_provider:{name}')}?{urlencode(query)}"


def _satisfied(idp_session, minimum: str, service: str) -> bool:
    """Whether the stand-in's current login is the means, level and (for someone else) service the relying party
    asks for."""
    if idp_session.service != service:
        return False
    if minimum in loa.EH_ALL:
        return idp_session.is_eherkenning and loa.eh_satisfies(idp_session.acr, minimum)
    return not idp_session.is_eherkenning and (not minimum or loa.satisfies(idp_session.acr, minimum))


def service_id(service: str) -> str:
    """The eHerkenning ServiceID of a ServiceUUID in the stand-in's service catalogue (the municipality's OIN, and
    a service number derived from the UUID)."""
    return f"urn:etoegang:DV:{settings.LOKET_STAND_IN_OIN}:services:{uuid.UUID(service).int % 10_000}"


class AuthorizeView(AuthorizationView):
    """DOT's authorization endpoint, with the stand-in's own login session instead of the portal's."""

    def dispatch(self, request, *args, **kwargs):
        idp_session = session.read(request)
        user = idp_session.user if idp_session else None
        minimum = _minimum_acr(request.GET.get("acr_values", ""))
        service = mandates.service_uuid(request.GET.get("service_uuid", ""))
        prompt = set(request.GET.get("prompt", "").split())
        if user is None or "login" in prompt or not _satisfied(idp_session, minimum, service):
            query = [
                (key, value) for key, value in parse_qsl(urlsplit(request.get_full_path()).query) if key != "prompt"
            ]
            response = HttpResponseRedirect(_login_url(f"{request.path}?{urlencode(query)}", minimum, service))
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
            "loket_branch_number": self.idp_session.branch_number,
            "loket_acting_subject": self.idp_session.acting_subject,
            "loket_representee_bsn": self.idp_session.representee_bsn,
            "loket_mandate": self.idp_session.mandate,
            "loket_service": self.idp_session.service,
        }
        return super().create_authorization_response(request, scopes, credentials, allow)


@never_cache
@csrf_protect
def login(request):
    """The DigiD stand-in's login page: pick a persona or type a BSN, and choose the level of assurance."""
    next_url = _next_url(request)
    minimum = _minimum_acr(request.GET.get("niveau", ""))
    form = PersonaLoginForm(request.POST or None, minimum_acr=minimum)
    if request.method == "POST" and form.is_valid() and next_url:
        resident = resident_get_or_create(bsn=form.chosen_bsn)
        response = HttpResponseRedirect(_after_login(request, next_url))
        session.write(response, user_id=resident.pk, acr=form.cleaned_data["acr"])
        return response
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "stand_in_idp/login.html",
        {
            "form": form,
            "next_url": next_url,
            "minimum_label": loa.label(minimum) if minimum else "",
            "for_someone_else": bool(mandates.service_uuid(request.GET.get("dienst", ""))),
        },
        status=status,
    )


def _next_url(request) -> str:
    """Where to go on: only back to this provider's authorization endpoint (never an open redirect)."""
    next_url = request.GET.get("next", "")
    return next_url if next_url.startswith(reverse("oauth2_provider:authorize")) else ""


def _after_login(request, next_url: str) -> str:
    """Back to the relying party; for a login for someone else, first to the choice of whom."""
    service = mandates.service_uuid(request.GET.get("dienst", ""))
    if not service:
        return next_url
    return f"{reverse('oauth2_provider:stand-in-mandate')}?{urlencode({'next': next_url, 'dienst': service})}"


@never_cache
@csrf_protect
def choose_representee(request):
    """After logging in with one's own DigiD or eHerkenning: for whom, among those the mandate register says one
    may act for, for the service the relying party asked about. Only a choice the register allows today is taken."""
    next_url = _next_url(request)
    service = mandates.service_uuid(request.GET.get("dienst", ""))
    idp_session = session.read(request)
    user = idp_session.user if idp_session else None
    if user is None or not service or not next_url:
        return render(request, "stand_in_idp/choose.html", {"next_url": ""}, status=400)
    entries = mandates_for(user, service)
    form = MandateChoiceForm(request.POST or None, entries=entries)
    if request.method == "POST" and form.is_valid():
        chosen = form.chosen
        response = HttpResponseRedirect(next_url)
        session.write(
            response,
            user_id=idp_session.user_id,
            acr=idp_session.acr,
            branch_number=idp_session.branch_number,
            acting_subject=idp_session.acting_subject,
            representee_bsn=chosen.representee_bsn,
            mandate=chosen.kind,
            service=service,
            authenticated_at=int(idp_session.authenticated_at.timestamp()),
        )
        return response
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "entries": entries, "next_url": next_url, "eherkenning": idp_session.is_eherkenning}
    return render(request, "stand_in_idp/choose.html", context, status=status)


def _acting_subject(kvk_number: str, employee: str) -> str:
    """The employee's pseudonym at the broker: the same person for the same company always gets the same one."""
    message = f"eherkenning:{kvk_number}:{employee.strip().lower()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:40]


@never_cache
@csrf_protect
def login_eherkenning(request):
    """The eHerkenning stand-in's login page: for which company, as whom, at which level."""
    next_url = _next_url(request)
    minimum = _minimum_acr(request.GET.get("niveau", "") or loa.EH2_PLUS)
    form = CompanyLoginForm(request.POST or None, minimum_acr=minimum)
    if request.method == "POST" and form.is_valid() and next_url:
        company = company_get_or_create(kvk_number=form.chosen_kvk_number)
        response = HttpResponseRedirect(_after_login(request, next_url))
        session.write(
            response,
            user_id=company.pk,
            acr=form.cleaned_data["acr"],
            branch_number=form.cleaned_data["branch_number"],
            acting_subject=_acting_subject(company.kvk_number, form.cleaned_data["employee"]),
        )
        return response
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "stand_in_idp/login.html",
        {
            "form": form,
            "next_url": next_url,
            "minimum_label": loa.eh_label(minimum),
            "eherkenning": True,
            "for_someone_else": bool(mandates.service_uuid(request.GET.get("dienst", ""))),
        },
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
