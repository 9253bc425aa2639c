import pytest
from django.core.cache import cache

from tools_catalog import versioning
from tools_catalog.versioning import CATALOGUE_VERSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(versioning.time, "monotonic", lambda: now[0])
    return now


def test_a_process_keeps_its_version_for_a_moment_then_asks_the_shared_cache(clock):
    computed = []
    assert versioning.catalogue_version_get(lambda: computed.append(1) or "v1") == "v1"
    cache.set(CATALOGUE_VERSION_KEY, "v2")  # another process moved the version on
    assert versioning.catalogue_version_get(lambda: "unused") == "v1"
    clock[0] += 1.5
    assert versioning.catalogue_version_get(lambda: "unused") == "v2"
    assert computed == [1]  # computed once; read from the shared cache after


def test_a_change_in_this_process_is_seen_at_once(clock):
    versioning.catalogue_version_get(lambda: "v1")
    versioning.catalogue_version_forget()
    assert cache.get(CATALOGUE_VERSION_KEY) is None
    assert versioning.catalogue_version_get(lambda: "v2") == "v2"


def test_the_version_is_forgotten_again_when_the_change_commits(
    clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        versioning.catalogue_version_forget()
        # A request in between reads the rows before the change commits...
        versioning.catalogue_version_get(lambda: "old")
    # ...and the commit forgets what it read.
    assert cache.get(CATALOGUE_VERSION_KEY) is None
    assert versioning.catalogue_version_get(lambda: "new") == "new"
