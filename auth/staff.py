"""The staff's second factor: set up an authenticator app once, then confirm a code at every login."""

import base64
import logging

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        help_text=_("6 cijfers, zonder spaties."),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("De code bestaat uit 6 cijfers."))
        return token


def _next(request) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and target.startswith(
        settings.LOKET_ADMIN_PREFIX
    ):
        return target
    return settings.LOKET_ADMIN_PREFIX


def _staff_only(view):
    @login_required(login_url="wagtailadmin_login")
    def wrapper(request):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            return HttpResponseRedirect("/")
        return view(request)

    return never_cache(wrapper)


def _qr_data_uri(text: str) -> str:
    svg = segno.make(text, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@_staff_only
def setup(request):
    if request.user.is_verified():
        return HttpResponseRedirect(_next(request))
    if any(devices_for_user(request.user, confirmed=True)):
        return HttpResponseRedirect(f"{request.path.replace('instellen/', '')}?{request.GET.urlencode()}")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator-app"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            logger.info("staff second factor set up")
            return HttpResponseRedirect(_next(request))
        form.add_error(
            "token", _("Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat en probeer het opnieuw.")
        )
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "portal_auth/staff_setup.html",
        {
            "form": form,
            "qr": _qr_data_uri(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
        status=400 if form.errors else 200,
    )


@_staff_only
def verify(request):
    if request.user.is_verified():
        return HttpResponseRedirect(_next(request))
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices:
        return HttpResponseRedirect(f"{request.path}instellen/?{request.GET.urlencode()}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = next((d for d in devices if d.verify_token(form.cleaned_data["token"])), None)
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(_next(request))
        logger.warning("staff second factor: wrong code")
        form.add_error(
            "token",
            _("Deze code klopt niet, of u heeft het te vaak geprobeerd. Wacht even en probeer een nieuwe code."),
        )
    return render(request, "portal_auth/staff_verify.html", {"form": form}, status=400 if form.errors else 200)


def outside_staff_login(request, credentials) -> bool:
    """django-axes whitelist: everything but the editor's login is left alone."""
    return request is None or not request.path_info.startswith(settings.LOKET_ADMIN_PREFIX)
