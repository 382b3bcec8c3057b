"""The apps that may send reports through Open311, in the admin ("Apps (Open311)"): register one, see its key
once, replace a key that leaked, switch an app off. Keys are never stored or shown again, only their digest."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from portal.reports import services
from portal.reports.models import ClientApp

PERMISSION = "reports.change_clientapp"


class AppForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de app"),
        max_length=100,
        help_text=_("Zoals de leverancier haar noemt, bijvoorbeeld BuitenBeter."),
        error_messages={
            "required": _("Geef de app een naam."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens (het zijn er nu %(show_value)d)."),
        },
    )


def _key_page(request, app, key):
    """The one time a key is shown: never cached, never in a URL or the session."""
    response = render(request, "reports/backoffice/app_key.html", {"app": app, "key": key})
    add_never_cache_headers(response)
    return response


@permission_required(PERMISSION, raise_exception=True)
def app_list(request):
    form = AppForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            app, key = services.client_app_create(name=form.cleaned_data["name"], by=request.user)
        except ValidationError as error:
            form.add_error("name", error.message_dict.get("name", error.messages))
        else:
            return _key_page(request, app, key)
    apps = ClientApp.objects.annotate(report_count=Count("reports")).order_by("name")
    return render(
        request,
        "reports/backoffice/apps.html",
        {"apps": apps, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required(PERMISSION, raise_exception=True)
def app_new_key(request, pk):
    app = get_object_or_404(ClientApp, pk=pk)
    return _key_page(request, app, services.client_app_new_key(app=app, by=request.user))


@require_POST
@permission_required(PERMISSION, raise_exception=True)
def app_switch(request, pk):
    app = get_object_or_404(ClientApp, pk=pk)
    services.client_app_set_active(app=app, active=not app.is_active, by=request.user)
    if app.is_active:
        messages.success(request, _("%(name)s kan weer meldingen versturen.") % {"name": app.name})
    else:
        messages.success(request, _("%(name)s kan geen meldingen meer versturen.") % {"name": app.name})
    return redirect("reports_apps:list")


app_name = "reports_apps"
urlpatterns = [
    path("", app_list, name="list"),
    path("<int:pk>/nieuwe-sleutel/", app_new_key, name="new_key"),
    path("<int:pk>/aan-uit/", app_switch, name="switch"),
]
