"""Settings shared by every environment; everything that differs per installation comes from the environment."""

from pathlib import Path
from urllib.parse import urlsplit

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-secret-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Where the SQLite file, private uploads and other runtime state live by default.
VAR_DIR = Path(env("LOKET_VAR_DIR", default=str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "portal.core",
    "portal.dashboard",
    "portal.profile",
    "phonenumber_field",
    "formtools",
    "portal.cases",
    "portal.inbox",
    "portal.appointments",
    "portal.notices",
    "portal.payments",
    "portal.records",
    "portal.opendata",
    "portal.reports",
    "auth.apps.PortalAuthConfig",
    "cms",
    "forms_engine",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_prometheus",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "portal.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "auth.middleware.StaffSecondFactorMiddleware",
    "auth.middleware.ResidentSessionTimeoutMiddleware",
    "auth.middleware.ActingMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.core.middleware.LoketCSPMiddleware",
    "portal.core.middleware.EditorPreviewFrameMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Innermost: a kept public page skips only routing and the view (see the module).
    "cms.public_cache.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

# Both engines give a page the same names: a Django page's blocks and a Jinja2 page share one frame (jinja2/base.html).
TEMPLATE_CONTEXT_PROCESSORS = [
    "django.template.context_processors.debug",
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "wagtail.contrib.settings.context_processors.settings",
    "portal.core.context_processors.session_limits",
    "cms.chrome.context_processor",
    "cms.public_cache.context_processor",
    "portal.inbox.context_processors.unread_messages",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": TEMPLATE_CONTEXT_PROCESSORS},
    },
    {
        # The frame of every page and the hottest pages themselves (portal/core/jinja.py).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "portal.core.jinja.environment",
            # Django's templates add the csrf processor themselves. Jinja2's own `csrf_token` would mask a new token
            # on every use (four a page: the header, the footer, the session dialog, the form); this one, once.
            "context_processors": [
                "django.template.context_processors.csrf",
                *TEMPLATE_CONTEXT_PROCESSORS,
                "portal.core.jinja.translation_context",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
# A kept connection is checked before a request uses it (as in production), so a restarted database costs no 500.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal_auth.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Redis is optional: without it the cache is per process, which is fine for one web process.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages kept for visitors who are not logged in (cms/public_cache.py). It needs a cache that every web
# process shares (Redis) or a single web process (runserver): with a cache per process, a page published through
# one process would show in the others only after the timeout (5 minutes).
LOKET_PUBLIC_PAGE_CACHE = env.bool("LOKET_PUBLIC_PAGE_CACHE", default=bool(REDIS_URL))

# Request budgets per client (see portal/core/ratelimit.py): generous for people, too small for scrapers.
LOKET_RATE_LIMITS = {
    "availability": env("LOKET_RATE_LIMIT_AVAILABILITY", default="120/m"),
    "booking": env("LOKET_RATE_LIMIT_BOOKING", default="20/h"),
    "report": env("LOKET_RATE_LIMIT_REPORT", default="10/h"),
}
# The bearer token a Prometheus scraper sends for /metrics; without one, /metrics does not exist.
LOKET_METRICS_TOKEN = env("LOKET_METRICS_TOKEN", default="")
# How many proxies (load balancers) in front of the web processes add to X-Forwarded-For; 0: none, use the peer.
LOKET_TRUSTED_PROXIES = env.int("LOKET_TRUSTED_PROXIES", default=0)

SESSION_ENGINE = env("SESSION_ENGINE", default="portal.core.sessions")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# Background work: the database queue by default (run `manage.py db_worker`), RQ on Redis to scale out.
TASKS_BACKEND = env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND, "QUEUES": ["default"]}}
if TASKS_BACKEND == "django_tasks_rq.RQBackend":
    # Jobs reach Redis when the transaction that queued them commits, never before (portal/core/tasks_rq.py).
    TASKS["default"]["BACKEND"] = "portal.core.tasks_rq.OnCommitRQBackend"
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"}}
    # Workers must run django-tasks-rq's job class, else every task fails with "'Task' object is not callable"
    # (found the first time the browser journeys ran on RQ). Set here, `manage.py rqworker default` needs no flag.
    # Its worker class takes these slow first steps once, before it forks a process per job.
    RQ = {"JOB_CLASS": "django_tasks_rq.Job", "WORKER_CLASS": "portal.core.tasks_rq.WarmWorker"}
# Slow first steps a web or task worker process takes once, before it forks its workers (portal/core/warmup.py).
LOKET_WARM_UP = {
    "web": ["portal.core.warmup.web"],
    "worker": ["portal.core.pdf.warm_up", "portal.cases.workdays.warm_up"],
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Gemeente Voorbeeldstad <noreply@voorbeeldstad.example>")

# Security headers that hold everywhere; production.py adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The payment provider's checkout: a form that starts paying is redirected there, which form-action must allow.
LOKET_PAYMENT_CHECKOUT_ORIGINS = env.list("LOKET_PAYMENT_CHECKOUT_ORIGINS", default=["https://www.mollie.com"])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", *LOKET_PAYMENT_CHECKOUT_ORIGINS],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

WAGTAIL_SITE_NAME = env("LOKET_SITE_NAME", default="Gemeente Voorbeeldstad")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "xlsx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No calls from editors' browsers to wagtail.org (the CSP would block them anyway); upgrades are our release process.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Pages exist per language (issue 22): Dutch at /..., English at /en/... (portal/urls.py, cms/i18n.py). Editors make an
# English version with Wagtail's own "Translate" action (simple_translation): a copy in the English tree, edited in the
# usual editor, published on its own, so the Dutch page never waits for it.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's request logger puts the request object in the record; our filter keeps only safe fields.
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

MUNICIPALITY_NAME = WAGTAIL_SITE_NAME
LOKET_ADMIN_PREFIX = "/cms/"
# `manage.py demo` loads fictional data; never allowed in production settings.
LOKET_DEMO_ALLOWED = env.bool("LOKET_DEMO_ALLOWED", default=True)

# Personal-data keys (see portal/core/crypto.py). Empty: derived from SECRET_KEY.
LOKET_BSN_DIGEST_KEY = env("LOKET_BSN_DIGEST_KEY", default="")
LOKET_FIELD_ENCRYPTION_KEYS = env.list("LOKET_FIELD_ENCRYPTION_KEYS", default=[])

# --- Resident login: DigiD through OpenID Connect (mozilla-django-oidc as relying party) ---
LOKET_PUBLIC_URL = env("LOKET_PUBLIC_URL", default="http://127.0.0.1:8000").rstrip("/")
# The DigiD stand-in identity provider at /test-idp/: switched on by dev.py and test.py, never in production.
LOKET_STAND_IN_IDP = False
# The stand-in's eHerkenning service catalogue: ServiceIDs under this (fictional) OIN of the municipality.
LOKET_STAND_IN_OIN = "00000001999999999000"
OIDC_ISSUER = env("OIDC_ISSUER", default=f"{LOKET_PUBLIC_URL}/test-idp").rstrip("/")
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="loket-portal")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="loket-stand-in-client-secret")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid"
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=10.0)
OIDC_CREATE_USER = True
OIDC_AUTHENTICATION_CALLBACK_URL = "portal_auth:callback"
LOGIN_REDIRECT_URL = "/mijn/"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "auth.backends.DigiDBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# DigiD rules: 15 minutes without activity ends the session (warning 2 minutes before), 8 hours at most.
LOKET_SESSION_IDLE_SECONDS = env.int("LOKET_SESSION_IDLE_SECONDS", default=15 * 60)
LOKET_SESSION_WARNING_SECONDS = 2 * 60
LOKET_SESSION_MAX_SECONDS = 8 * 60 * 60
SESSION_COOKIE_AGE = LOKET_SESSION_MAX_SECONDS

# --- Staff: Wagtail login + a TOTP second factor (BIO), and a lockout after repeated failures ---
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal_auth/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Only the staff login counts: failed DigiD callbacks must never lock residents out of a shared computer.
AXES_WHITELIST_CALLABLE = "auth.staff.outside_staff_login"

# --- Base registries (Haal Centraal-compatible). The stand-in at /registries/ is switched on by dev.py/test.py.
LOKET_STAND_IN_REGISTRIES = False
# The case type a resident's "Klopt er iets niet?" about their BRP data becomes (by name; without it, the page sends
# them to the desk instead).
LOKET_BRP_CORRECTION_CASE_TYPE = env("LOKET_BRP_CORRECTION_CASE_TYPE", default="Correctie BRP")
LOKET_REGISTRY_API_KEY = env("LOKET_REGISTRY_API_KEY", default="loket-stand-in-registry-key")
BRP_API_URL = env("BRP_API_URL", default=f"{LOKET_PUBLIC_URL}/registries/brp")
BAG_API_URL = env("BAG_API_URL", default=f"{LOKET_PUBLIC_URL}/registries/bag")
TRAVEL_DOCUMENTS_API_URL = env("TRAVEL_DOCUMENTS_API_URL", default=f"{LOKET_PUBLIC_URL}/registries")
WOZ_API_URL = env("WOZ_API_URL", default=f"{LOKET_PUBLIC_URL}/registries/woz")
# The KvK Handelsregister (API Basisprofiel): production https://api.kvk.nl/api with the KvK's own API key.
KVK_API_URL = env("KVK_API_URL", default=f"{LOKET_PUBLIC_URL}/registries/kvk")
KVK_API_KEY = env("KVK_API_KEY", default=LOKET_REGISTRY_API_KEY)
# --- Payments: a provider plugin (portal/payments/providers.py). The secret comes from the environment only; the
# stand-in provider at /psp/ (shaped like Mollie's API) is switched on by dev.py/test.py.
LOKET_PAYMENT_PROVIDER = env("LOKET_PAYMENT_PROVIDER", default="mollie")
LOKET_STAND_IN_PSP = False
PSP_STAND_IN_API_KEY = env("PSP_STAND_IN_API_KEY", default="test_loketstandinpsp00000000000000")
MOLLIE_API_URL = env("MOLLIE_API_URL", default="https://api.mollie.com")
MOLLIE_API_KEY = env("MOLLIE_API_KEY", default="")
REGISTRY_TIMEOUT_SECONDS = env.float("REGISTRY_TIMEOUT_SECONDS", default=5.0)
REGISTRY_RETRIES = env.int("REGISTRY_RETRIES", default=2)
REGISTRY_RETRY_BACKOFF_SECONDS = 0.2
REGISTRY_CACHE_SECONDS = env.int("REGISTRY_CACHE_SECONDS", default=60)
# Bulk selections for proactive notices (the municipality's registry copy); the stand-in's tables by default.
LOKET_POPULATION_SOURCE = env(
    "LOKET_POPULATION_SOURCE", default="portal.registries.stand_in.population.StandInPopulation"
)

# --- Proactive notices: residents handled per batch by the runner; letters per printable batch.
LOKET_NOTICE_BATCH_SIZE = env.int("LOKET_NOTICE_BATCH_SIZE", default=2_000)
LOKET_LETTER_BATCH_SIZE = env.int("LOKET_LETTER_BATCH_SIZE", default=250)
# Above this many residents an area notice needs a second confirmation.
LOKET_AREA_NOTICE_CONFIRM_ABOVE = 1_000
# Background map for drawing areas (any XYZ tile URL; empty: no background, the drawing still works).
LOKET_MAP_TILE_URL = env(
    "LOKET_MAP_TILE_URL",
    default="https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
LOKET_MAP_ATTRIBUTION = env("LOKET_MAP_ATTRIBUTION", default="Kaartgegevens © Kadaster")
LOKET_MAP_CENTER = (52.09, 5.12)
# The municipality's boundary (GeoJSON Polygon, WGS 84): reports outside it are refused.
LOKET_MUNICIPALITY_BOUNDARY = env(
    "LOKET_MUNICIPALITY_BOUNDARY", default=str(BASE_DIR / "portal" / "reports" / "boundary.geojson")
)
if LOKET_MAP_TILE_URL:
    _tiles = urlsplit(LOKET_MAP_TILE_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

# Private files live outside MEDIA_ROOT; in production point STORAGES["private"] at S3-compatible storage.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
LOKET_SMS_BACKEND = env("LOKET_SMS_BACKEND", default="portal.inbox.channels.LoggingSmsBackend")

PHONENUMBER_DEFAULT_REGION = "NL"
