import os
from collections.abc import Callable
from importlib import import_module

import pytest
import redis
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from accounts.models import User
from accounts.roles import ROLE_CAPABILITIES, Role
from tests.accounts.factories import UserFactory
from tools_catalog.cache import catalogue_version_reset

# Everyone the authorization matrix knows; None is an anonymous visitor and
# "applicant" a signed-up user with no role yet.
APPLICANT = "applicant"
PERSONAS: tuple[str | None, ...] = (
    None,
    APPLICANT,
    Role.MEMBER,
    Role.PROVIDER,
    Role.VERIFIER,
    Role.CATALOGUE_EDITOR,
    Role.MODERATOR,
    Role.ADMIN,
)


# Data migrations whose rows tests rely on; replayed after a transactional test's
# flush (see _data_from_migrations).
DATA_MIGRATIONS = (
    ("learning_centre.migrations.0002_stages", "create_stages"),
    ("learning_centre.migrations.0004_stages_viewing", "forwards"),
    ("tools_catalog.migrations.0007_load_curated_vocabulary", "forwards"),
)


def restore_data_from_migrations() -> None:
    for role, capabilities in ROLE_CAPABILITIES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="accounts",
                codename__in=[capability.codename for capability in capabilities],
            )
        )
    for module, function in DATA_MIGRATIONS:
        getattr(import_module(module), function)(django_apps, None)


@pytest.fixture(autouse=True)
def _data_from_migrations(request: pytest.FixtureRequest) -> None:
    """Transactional tests (browser, worker) run after a flush that empties every
    table, rows created by data migrations included: put those back.

    Not serialized_rollback: restoring a dump clashes with the content types the
    flush re-creates, and it restores far more than the tests need.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    restore_data_from_migrations()


@pytest.fixture(autouse=True)
def _worker_needs_a_concurrent_database(request: pytest.FixtureRequest) -> None:
    """A real Celery worker writes from its own thread while the test polls; the
    shared in-memory SQLite test database then raises "database table is
    locked" at random. Those tests run on PostgreSQL (CI's second pass)."""
    if request.node.get_closest_marker("worker") is None:
        return
    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("a real worker needs PostgreSQL (set DATABASE_URL); CI runs it")


@pytest.fixture(autouse=True)
def _no_cached_pages_between_tests() -> None:
    """A rolled-back test leaves no rows but would leave its cached catalogue
    version and this process's cached HTML behind."""
    caches["fragments"].clear()
    caches["browse"].clear()
    catalogue_version_reset()


@pytest.fixture(autouse=True)
def _english_between_tests() -> None:
    """A request to /fr/... leaves French active in the thread; reverse() would
    then build /fr/ URLs in the next test."""
    translation.activate("en")


def make_persona(persona: str | None) -> User | None:
    if persona is None:
        return None
    if persona == APPLICANT:
        return UserFactory()
    return UserFactory(role=Role(persona))


@pytest.fixture
def login_as(client: Client) -> Callable[[str | None], User | None]:
    """Sign the test client in as a persona (with MFA set up when the role needs it)."""

    def _login(persona: str | None) -> User | None:
        user = make_persona(persona)
        if user is not None:
            client.force_login(user)
        return user

    return _login


@pytest.fixture
def member(db: None) -> User:
    return UserFactory(role=Role.MEMBER)


@pytest.fixture
def member_client(client: Client, member: User) -> Client:
    client.force_login(member)
    return client


@pytest.fixture
def admin_user(db: None) -> User:
    return UserFactory(role=Role.ADMIN)


@pytest.fixture
def admin_client(client: Client, admin_user: User) -> Client:
    client.force_login(admin_user)
    return client


def redis_test_url() -> str:
    """A Redis database for broker tests; they skip when Redis does not answer."""
    # One database per xdist worker: their Celery workers must not share a queue.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    base = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")
    url = f"{base.rstrip('/')}/{15 - int(worker or 0) % 8}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"needs Redis at {url}")
    return url
