"""core.ratelimit: the apps' limits on allauth's limiter, one rate per call."""

import time

import pytest
from django.core.cache import cache
from django.test.utils import override_settings

from core.ratelimit import rate_limit_hit


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_the_attempt_after_the_limit_is_refused():
    hits = [rate_limit_hit(key="k", limit=2, seconds=60) for _ in range(3)]
    assert hits == [False, False, True]


def test_each_key_counts_apart():
    assert not rate_limit_hit(key="a", limit=1, seconds=60)
    assert rate_limit_hit(key="a", limit=1, seconds=60)
    assert not rate_limit_hit(key="b", limit=1, seconds=60)


def test_the_window_slides(monkeypatch):
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    assert not rate_limit_hit(key="k", limit=1, seconds=60)
    assert rate_limit_hit(key="k", limit=1, seconds=60)
    monkeypatch.setattr(time, "time", lambda: now + 61)
    assert not rate_limit_hit(key="k", limit=1, seconds=60)


@override_settings(ACCOUNT_RATE_LIMITS=False)
def test_allauths_own_switch_does_not_turn_the_apps_limits_off():
    assert not rate_limit_hit(key="k", limit=1, seconds=60)
    assert rate_limit_hit(key="k", limit=1, seconds=60)
