import re
import uuid

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers

from portal.core.languages import language_from_path
from portal.core.logging import request_id_var
from portal.core.preview import allow_editor_framing

# A request id from the load balancer is reused only when it looks like one; anything else is replaced.
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id that shows up in each log line and in the `X-Request-ID` response header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Not reset on the way out: Django logs 4xx/5xx after the middleware returns. `request_finished` clears it.
        request_id_var.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


# A response that brings its own policy (django-csp's decorators, allow_editor_framing) carries one of these.
_OWN_POLICY = tuple(f"_csp_{kind}{ro}" for kind in ("config", "update", "replace", "exempt") for ro in ("", "_ro"))


class LoketCSPMiddleware(CSPMiddleware):
    """The strict policy everywhere, except the Wagtail editor which still needs inline styles and scripts.

    The editor is only reachable for authenticated staff; the resident-facing site never gets `unsafe-inline`.

    Almost every response gets the settings' policy as it is. Its header is built once per policy, where
    django-csp builds it anew for every response (≈ 0.1 ms a request, issue 25). Whatever varies (a nonce, a
    response's own policy, the editor, a report-only policy, DEBUG's exemptions) goes through django-csp.
    """

    _built: tuple = (None, "")  # (the settings' policy, its header)

    def process_response(self, request, response):
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        if (
            not policy
            or settings.DEBUG
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or getattr(request, "_csp_nonce", None) is not None
            or request.path_info.startswith(settings.LOKET_ADMIN_PREFIX)
            or HEADER in response
            or any(hasattr(response, name) for name in _OWN_POLICY)
        ):
            return super().process_response(request, response)
        built_for, header = self._built
        if built_for is not policy:  # (tests may swap the policy with override_settings)
            header = build_policy()
            self._built = (policy, header)
        response[HEADER] = header
        # As django-csp does: a nonce asked for after the header is written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.LOKET_ADMIN_PREFIX):
            parts.update = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"], "img-src": ["blob:"]}
        return parts


class EditorPreviewFrameMiddleware:
    """The editor's preview screens (including Wagtail's "no preview yet" answer) may be framed by the editor
    itself. Listed after the CSP middleware, so it marks the response before that one writes the policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path_info
        if path.startswith(settings.LOKET_ADMIN_PREFIX) and "/preview/" in path:
            allow_editor_framing(response)
        return response


class LanguageMiddleware:
    """The language of a page's address (/en/... is English), else Dutch unless the resident chose English with the
    language switch (a cookie), on this device or, when logged in, on their account (set as the cookie by the login:
    auth.views.remember_language). A page read at an English address sets that cookie too.

    A page has an address per language (portal/urls.py): a visitor who chose English and asks for a page's Dutch
    address is sent to its English one; a form sent to a Dutch address is handled in Dutch, so nothing is lost.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a Dutch municipality's
    site opens in Dutch, also on a laptop set to English, and the switch is one click away.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        of_address = language_from_path(request.path_info)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = of_address or (chosen if chosen in self.supported else settings.LANGUAGE_CODE)
        translation.activate(language)
        if of_address is None and language != settings.LANGUAGE_CODE and not is_valid_path(request.path_info):
            # A page's default-language address (those are found in the default language only).
            if request.method in ("GET", "HEAD") and is_valid_path(f"/{language}{request.path_info}"):
                response = HttpResponseRedirect(f"{get_script_prefix()}{language}{request.get_full_path_info()}")
                patch_vary_headers(response, ("Cookie",))
                return response
            language = settings.LANGUAGE_CODE
            translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        remembered = getattr(request, "loket_account_language", "")  # set by a login (auth.views.remember_language)
        if remembered in self.supported:
            self._remember(response, remembered)
        elif of_address is not None and chosen != of_address:
            # Read at an English address (a link, a search engine): the forms and Mijn Loket follow in English.
            self._remember(response, of_address)
        return response

    @staticmethod
    def _remember(response, language: str) -> None:
        """As Django's language switch sets it."""
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
