import pickle
import re

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.tools_catalog.factories import ToolFactory
from tools_catalog import cache as catalogue_cache
from tools_catalog.cache import CATALOGUE_VERSION_KEY
from tools_catalog.models import Shortlist, ShortlistItem

LIST = reverse("tools_catalog:tool-list")
TRAY = reverse("tools_catalog:compare-tray")

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


# --- Nothing of one member reaches a shared cache entry -------------------------


def _record_writes(monkeypatch, alias: str, written: list) -> None:
    backend = caches[alias]
    for method in ("set", "add"):
        original = getattr(backend, method)

        def spy(key, value, *args, _original=original, **kwargs):
            written.append((key, value))
            return _original(key, value, *args, **kwargs)

        monkeypatch.setattr(backend, method, spy)
    original_many = backend.set_many

    def spy_many(data, *args, **kwargs):
        written.extend(data.items())
        return original_many(data, *args, **kwargs)

    monkeypatch.setattr(backend, "set_many", spy_many)


def test_no_name_shortlist_tray_or_csrf_token_reaches_a_shared_cache_entry(
    monkeypatch, settings
):
    settings.HUB_CATALOGUE_PAGE_SIZE = 2
    tools = [ToolFactory(name=f"Finder {n}") for n in range(5)]
    member = UserFactory(
        role=Role.MEMBER,
        full_name="Zebulon Quartermaine",
        show_name=True,
        email="zebulon.q@agency.example",
    )
    shortlist = Shortlist.objects.create(owner=member, name="Secret procurement list")
    ShortlistItem.objects.create(shortlist=shortlist, tool=tools[0])
    client = Client()
    client.force_login(member)
    client.post(TRAY, {"tools": [tools[1].pk], "command": "add", "next": LIST})
    written: list = []
    for alias in ("default", "fragments"):
        _record_writes(monkeypatch, alias, written)

    pages = [
        client.get(LIST),
        client.get(LIST, {"q": "finder", "page": "2"}),
        client.get(LIST, {"q": "finder"}, headers={"HX-Request": "true"}),
        client.get("/ar" + LIST),
    ]

    assert all(page.status_code == 200 for page in pages)
    # The pages themselves carry the member's tray and their CSRF token...
    assert "csrfmiddlewaretoken" in pages[0].content.decode()
    secret = client.cookies[django_settings.CSRF_COOKIE_NAME].value
    masked = re.findall(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', pages[0].content.decode()
    )
    catalogue = [v for k, v in written if k.startswith("catalogue:")]
    assert any("Finder 1" in str(v) for v in catalogue)  # the cards were cached
    # ...but no shared entry holds anything of theirs (sessions aside, which
    # are theirs by key).
    shared = [
        (k, pickle.dumps(v).decode("latin-1") + str(v))
        for k, v in written
        if "session" not in k
    ]
    private = [
        "Zebulon",
        "Quartermaine",
        "zebulon.q@agency.example",
        "Secret procurement list",
        "csrfmiddlewaretoken",
        "compare-tray__",
        "data-compare-remove",
        secret,
        *masked,
    ]
    leaks = [(key, word) for key, text in shared for word in private if word in text]
    assert leaks == []


def _browse_entries() -> int:
    return sum(1 for key in caches["browse"]._cache if "browse-" in key)  # type: ignore[attr-defined]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"anything": "junk-1"},
        {"q": "hash", "utm_source": "mail"},
        {"capability": "not-a-term"},
        {"page": "99999"},
        {"page": "-3"},
        {"page": "two"},
    ],
)
def test_a_made_up_parameter_or_page_is_answered_but_never_cached(
    member_client: Client, params
):
    """One member must not fill every process's memory and the shared cache
    with a page per invented query string: only the cleaned filters, search,
    sort and a real page number are worth a cache entry."""
    ToolFactory.create_batch(2)
    caches["browse"].clear()
    response = member_client.get(reverse("tools_catalog:tool-list"), params)
    assert response.status_code == 200
    assert _browse_entries() == 0


@pytest.mark.django_db
def test_a_real_query_is_cached_once(member_client: Client):
    ToolFactory.create_batch(2)
    caches["browse"].clear()
    for _ in range(2):
        member_client.get(
            reverse("tools_catalog:tool-list"), {"q": "hash", "page": "1"}
        )
    assert _browse_entries() == 1


def test_the_page_cache_of_each_process_is_bounded_well_below_its_memory():
    """Browse pages are ~40 KB: at most a few hundred per process."""
    options = django_settings.CACHES["browse"]["OPTIONS"]
    assert options["MAX_ENTRIES"] <= 500
