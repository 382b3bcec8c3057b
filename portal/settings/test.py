"""Test settings: fast hashing, tasks run inline, nothing leaves the machine."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

DEBUG = False
# Uploaded files of a test run go to a throwaway folder, never into the working tree.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="loket-test-private-"))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # served from the source folders; only production collects static files
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Tests run in one process; the browser journeys' servers on the per-process cache switch it off (tests/e2e).
LOKET_PUBLIC_PAGE_CACHE = env.bool("LOKET_PUBLIC_PAGE_CACHE", default=True)

# The test client's host: the relying party reaches the stand-in through tests/auth/conftest.py's transport.
LOKET_PUBLIC_URL = "http://testserver"
OIDC_ISSUER = f"{LOKET_PUBLIC_URL}/test-idp"
BRP_API_URL = f"{LOKET_PUBLIC_URL}/registries/brp"
BAG_API_URL = f"{LOKET_PUBLIC_URL}/registries/bag"
TRAVEL_DOCUMENTS_API_URL = f"{LOKET_PUBLIC_URL}/registries"
WOZ_API_URL = f"{LOKET_PUBLIC_URL}/registries/woz"
KVK_API_URL = f"{LOKET_PUBLIC_URL}/registries/kvk"
REGISTRY_RETRY_BACKOFF_SECONDS = 0
LOKET_MAP_TILE_URL = ""  # tests never fetch map tiles
LOKET_STAND_IN_IDP = env.bool("LOKET_STAND_IN_IDP", default=True)
if LOKET_STAND_IN_IDP:
    from auth.stand_in_idp import config as stand_in_idp

    INSTALLED_APPS += stand_in_idp.INSTALLED_APPS  # noqa: F405
    OAUTH2_PROVIDER = stand_in_idp.provider_settings(
        issuer=OIDC_ISSUER,
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
    MOLLIE_API_URL = env("MOLLIE_API_URL", default=f"{LOKET_PUBLIC_URL}/psp")
    MOLLIE_API_KEY = env("MOLLIE_API_KEY", default=PSP_STAND_IN_API_KEY)  # noqa: F405
