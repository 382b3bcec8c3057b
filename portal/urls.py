from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from auth import views as auth_views
from cms import views as cms_views
from cms.admin_views import PageCreateWithoutAutosave
from portal.core import metrics as core_metrics
from portal.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("metrics", core_metrics.metrics, name="metrics"),
    path("taal/", auth_views.language_switch, name="set_language"),
    # Login, logout and the staff's second factor; before Wagtail's admin, which would claim /cms/... paths.
    path("", include("auth.urls")),
    # Before Wagtail's own "add page" view, which this replaces: a new page is not autosaved (cms/admin_views.py).
    path(
        settings.LOKET_ADMIN_PREFIX.strip("/")
        + "/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
        require_admin_access(PageCreateWithoutAutosave.as_view()),
    ),
    path(settings.LOKET_ADMIN_PREFIX.strip("/") + "/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("zoeken/", cms_views.search, name="search"),
    path("mijn/gegevens/", include("portal.profile.urls")),
    path("mijn/zaken/", include("portal.cases.urls")),
    path("mijn/berichten/", include("portal.inbox.urls")),
    path("", include("forms_engine.urls")),
    path("", include("portal.appointments.urls")),
    path("", include("portal.appointments.wedding.urls")),
    path("", include("portal.notices.urls")),
    path("", include("portal.payments.urls")),
    path("", include("portal.opendata.urls")),
    path("", include("portal.reports.urls")),
    path("open311/v2/", include("portal.reports.open311")),
    path("mijn/", include("portal.dashboard.urls")),
]

if settings.LOKET_STAND_IN_IDP:
    urlpatterns.append(path("test-idp/", include("auth.stand_in_idp.urls")))
if settings.LOKET_STAND_IN_REGISTRIES:
    urlpatterns.append(path("registries/", include("portal.registries.stand_in.urls")))

if settings.LOKET_STAND_IN_PSP:
    urlpatterns.append(path("psp/", include("portal.payments.contrib.stand_in.urls")))

handler400 = "portal.core.views.bad_request"

# Wagtail's catch-all goes last so the routes above win. A page's address holds its language: Dutch at /..., English
# at /en/... (cms/i18n.py; LanguageMiddleware sends a visitor who chose English to the /en/ address).
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
