"""Local development: the two-command demo on SQLite with the database task worker."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# runserver is one process, so its memory cache is the only one: public pages can be kept.
LOKET_PUBLIC_PAGE_CACHE = env.bool("LOKET_PUBLIC_PAGE_CACHE", default=True)
# Serve static files straight from the source folders, so no collectstatic is needed to start.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # served from the source folders; only production collects static files
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405 - the SQLite file and uploads live here

LOKET_STAND_IN_IDP = env.bool("LOKET_STAND_IN_IDP", default=True)
if LOKET_STAND_IN_IDP:
    from auth.stand_in_idp import config as stand_in_idp

    INSTALLED_APPS += stand_in_idp.INSTALLED_APPS  # noqa: F405
    OAUTH2_PROVIDER = stand_in_idp.provider_settings(
        issuer=OIDC_ISSUER,  # noqa: F405
        private_key_pem=env("LOKET_IDP_PRIVATE_KEY", default=""),
        var_dir=VAR_DIR,  # noqa: F405
    )
    LOKET_WARM_UP = {**LOKET_WARM_UP, "web": [*LOKET_WARM_UP["web"], "auth.stand_in_idp.keys.warm_up"]}  # noqa: F405

LOKET_STAND_IN_REGISTRIES = env.bool("LOKET_STAND_IN_REGISTRIES", default=True)
if LOKET_STAND_IN_REGISTRIES:
    INSTALLED_APPS += ["portal.registries.stand_in"]

LOKET_STAND_IN_PSP = env.bool("LOKET_STAND_IN_PSP", default=True)
if LOKET_STAND_IN_PSP:
    INSTALLED_APPS += ["portal.payments.contrib.stand_in"]
    MOLLIE_API_URL = env("MOLLIE_API_URL", default=f"{LOKET_PUBLIC_URL}/psp")  # noqa: F405
    MOLLIE_API_KEY = env("MOLLIE_API_KEY", default=PSP_STAND_IN_API_KEY)  # noqa: F405
