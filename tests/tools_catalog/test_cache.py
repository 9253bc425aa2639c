import pytest
from django.core.cache import cache

from tools_catalog import cache as catalogue_cache
from tools_catalog.cache import CATALOGUE_VERSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(catalogue_cache.time, "monotonic", lambda: now[0])
    return now


def test_a_process_keeps_its_version_for_a_moment_then_asks_the_shared_cache(clock):
    computed = []
    assert (
        catalogue_cache.catalogue_version_get(lambda: computed.append(1) or "v1")
        == "v1"
    )
    cache.set(CATALOGUE_VERSION_KEY, "v2")  # another process moved the version on
    assert catalogue_cache.catalogue_version_get(lambda: "unused") == "v1"
    clock[0] += 1.5
    assert catalogue_cache.catalogue_version_get(lambda: "unused") == "v2"
    assert computed == [1]  # computed once; read from the shared cache after


def test_a_change_in_this_process_is_seen_at_once(clock):
    catalogue_cache.catalogue_version_get(lambda: "v1")
    catalogue_cache.catalogue_version_forget()
    assert cache.get(CATALOGUE_VERSION_KEY) is None
    assert catalogue_cache.catalogue_version_get(lambda: "v2") == "v2"


def test_the_version_is_forgotten_again_when_the_change_commits(
    clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        catalogue_cache.catalogue_version_forget()
        # A request in between reads the rows before the change commits...
        catalogue_cache.catalogue_version_get(lambda: "old")
    # ...and the commit forgets what it read.
    assert cache.get(CATALOGUE_VERSION_KEY) is None
    assert catalogue_cache.catalogue_version_get(lambda: "new") == "new"
