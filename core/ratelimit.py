"""Fixed-window counters in the shared cache (one per caller and action).

A shared utility: it imports no product app, and every app may use it.
"""

import time

from django.core.cache import cache


def rate_limit_hit(*, key: str, limit: int, seconds: int) -> bool:
    """Count one attempt; True when the caller is over the limit for this window."""
    window = int(time.time() // seconds)
    cache_key = f"rl:{key}:{window}"
    cache.add(cache_key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=seconds + 1)
        count = 1
    return count > limit
