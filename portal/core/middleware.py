import re
import uuid

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

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
    """Dutch unless the resident chose English with the language switch (a cookie), on this device or, when logged
    in, on their account (set as the cookie by the login: auth.views.remember_language).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a Dutch municipality's
    site opens in Dutch, also on a laptop set to English, and the switch is one click away.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        remembered = getattr(request, "loket_account_language", "")  # set by a login (auth.views.remember_language)
        if remembered in self.supported:
            # As Django's language switch sets it.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                remembered,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
