"""Rate limits for the Hub's own actions, on django-allauth's limiter.

One mechanism everywhere: the sign-in and sign-up limits are allauth's
(``ACCOUNT_RATE_LIMITS``), and the apps' own limits (posting, flagging, contact
requests, the member directory, the onboarding form) count in the same
limiter, with a rate per call: a sliding window of timestamps in the shared
cache, under a lock, keyed on a hash of the caller's key (so every process
counts together and no member id appears in a cache key).

A shared utility: it imports no product app, and every app may use it.
"""

from allauth.core.internal import ratelimit
from django.http import HttpRequest

# The limiter's "app" and "action", which name the cache keys; the caller's
# ``key`` tells the counters apart.
APP = "core"
ACTION = "hit"


def rate_limit_hit(*, key: str, limit: int, seconds: int) -> bool:
    """Count one attempt; True when the caller is over the limit: ``limit``
    attempts are allowed in any ``seconds`` long window, the next is refused."""
    usage = ratelimit.consume(
        # Rates "per key" never read the request: a blank one stands in.
        HttpRequest(),
        app=APP,
        action=ACTION,
        config={ACTION: f"{limit}/{seconds}s/key"},
        key=key,
        limit_get=True,
    )
    return usage is None
