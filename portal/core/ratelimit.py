"""Request budgets per client for what bots and scrapers go for (availability pages, booking without DigiD): a
counter per client per time window in the cache every web process shares (Redis in production), so a scraper
gets a clear 429 page while residents, who click a few times a minute, never notice."""

import hashlib
import math
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

UNITS = {"s": 1, "m": 60, "h": 3600}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        """'60/m' is 60 requests a minute; also /s and /h."""
        count, unit = text.split("/")
        return cls(count=int(count), seconds=UNITS[unit])


def client_ip(request) -> str:
    """The address the request came from. Behind `LOKET_TRUSTED_PROXIES` proxies (the load balancer), it is the
    one the outermost trusted proxy saw, as X-Forwarded-For lists it; anything further left can be forged."""
    proxies = settings.LOKET_TRUSTED_PROXIES
    if proxies:
        forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _client(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    # Addresses are kept only as a digest, and only for the window.
    return "ip:" + hashlib.sha256(client_ip(request).encode()).hexdigest()[:24]


def seconds_until_allowed(request, scope: str) -> int:
    """Counts this request against the client's budget for `scope`; 0 if it may go ahead, else how long to wait."""
    rate = Rate.parse(settings.LOKET_RATE_LIMITS[scope])
    now = time.time()
    window = int(now // rate.seconds)
    key = f"ratelimit:{scope}:{_client(request)}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the window's counter expired between add and incr
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.count:
        return 0
    return max(1, math.ceil((window + 1) * rate.seconds - now))


def rate_limited(scope: str, *, anonymous_only: bool = False, methods: tuple[str, ...] = ("GET", "POST")):
    """Answers 429 with a page saying when to try again, once the client used up its budget for `scope`."""

    def decorate(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            counts = request.method in methods and not (anonymous_only and request.user.is_authenticated)
            wait = seconds_until_allowed(request, scope) if counts else 0
            if wait:
                minutes = max(1, round(wait / 60))
                response = render(request, "429.html", {"minutes": minutes}, status=429)
                response["Retry-After"] = str(wait)
                return response
            return view(request, *args, **kwargs)

        return limited

    return decorate
