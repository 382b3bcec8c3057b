"""Public pages served from the cache to visitors who are not logged in.

The home page, service pages, content pages and search results are the same for every visitor who is not logged
in, so the first visitor's page is kept (per host, path with query string, and language) and the next ones get it
without routing, queries or template rendering. Only the security token of the page's forms differs per visitor:
candidate pages are rendered with a placeholder in its place, and every answer gets the visitor's own token.

What is never served from here: anything for a logged-in resident or staff member, a request with a message
waiting to be shown, anything but GET/HEAD, and every response a view did not mark with `mark_public` (forms,
Mijn Loket, errors, the admin). Freshness: the key holds the site's content version (cms/chrome.py), which every
publish, unpublish, move, deletion, privacy change, image or document change and settings save renews; the
timeout bounds what a process-local cache may miss. On only where every web process sees the same cache
(`LOKET_PUBLIC_PAGE_CACHE`, see the settings).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.middleware.csrf import get_token

from cms import chrome

# Where a candidate page's forms carry their security token; replaced in every answer by the visitor's own.
CSRF_PLACEHOLDER = "loket-public-page-csrf-token"
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
TIMEOUT_SECONDS = chrome.TIMEOUT_SECONDS
HEADER = "X-Loket-Page-Cache"


def mark_public(response):
    """A view's answer that is the same for every visitor who is not logged in: it may be kept and reused."""
    response.loket_public = True
    return response


def _candidate(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.path_info.startswith(settings.LOKET_ADMIN_PREFIX):
        return False
    if request.user.is_authenticated:
        return False
    messages = getattr(request, "_messages", None)
    return messages is None or len(messages) == 0  # counting does not mark them as shown


def _key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"cms:page:{chrome.content_version(request)}:{request.LANGUAGE_CODE}:{request.get_host()}:{path}"


def _with_token(body: bytes, request) -> bytes:
    if _PLACEHOLDER_BYTES not in body:
        return body
    return body.replace(_PLACEHOLDER_BYTES, get_token(request).encode())


def context_processor(request) -> dict:
    """On candidate requests, forms get the placeholder as their token (overrides Django's own `csrf_token`)."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, "loket_public_candidate", False) else {}


class PublicPageCacheMiddleware:
    """Last in MIDDLEWARE, so security headers, sessions, CSRF cookie, language and metrics apply to a kept page
    exactly as to a rendered one: only URL routing and the view are skipped."""

    def __init__(self, get_response):
        if not settings.LOKET_PUBLIC_PAGE_CACHE:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        if not _candidate(request):
            return self.get_response(request)
        request.loket_public_candidate = True
        key = _key(request)
        kept = cache.get(key)
        if kept is not None:
            content_type, body = kept
            response = HttpResponse(_with_token(body, request), content_type=content_type)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return response
        body = response.content
        if getattr(response, "loket_public", False) and response.status_code == 200 and not response.cookies:
            cache.set(key, (response["Content-Type"], body), TIMEOUT_SECONDS)
            response[HEADER] = "miss"
        response.content = _with_token(body, request)
        return response
