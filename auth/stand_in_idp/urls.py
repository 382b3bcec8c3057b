from django.urls import path
from oauth2_provider import urls as dot_urls

from auth.stand_in_idp import views

# Mounted under the namespace "oauth2_provider", which django-oauth-toolkit reverses in its discovery document.
app_name = "oauth2_provider"

_replaced = {"authorize", "rp-initiated-logout"}
urlpatterns = [
    path("authorize/", views.AuthorizeView.as_view(), name="authorize"),
    path("logout/", views.end_session, name="rp-initiated-logout"),
    path("inloggen/", views.login, name="stand-in-login"),
    path("eherkenning/", views.login_eherkenning, name="stand-in-eherkenning"),
    path("namens/", views.choose_representee, name="stand-in-mandate"),
    *[
        pattern
        for pattern in dot_urls.base_urlpatterns + dot_urls.oidc_urlpatterns
        if pattern.name not in _replaced and pattern.name not in {"device-authorization", "device"}
    ],
]
