"""Who may open what: every named URL of the project, for every persona.

One table gives the expected status of a GET for each URL and persona; a second
table does the same for POST-only views. The rows of the public pages, allauth and
the accounts app are here; each product app keeps its rows in
``tests/<app>/access.py`` (same shape), merged below.
``test_every_named_url_is_in_the_matrix`` fails when a URL is added without a
row, so every new page states its access rules. Object URLs get their objects
from factories through ``URL_KWARGS``.
"""

from collections.abc import Callable, Iterator
from http import HTTPStatus
from importlib import import_module
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from tests.access_statuses import (
    BAD_REQUEST,
    FORBIDDEN,
    FOUND,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
)
from tests.conftest import PERSONAS, make_persona

APPS_WITH_ROWS = ("onboarding", "tools_catalog", "learning_centre", "community")

# Columns, in PERSONAS order:
#  anonymous, applicant, member, provider, verifier, catalogue editor, moderator, admin
# Aligned columns are easier to review than what the formatter would make of them.
# fmt: off
MATRIX: dict[str, tuple[HTTPStatus, ...]] = {
    # Public pages and machinery
    "hub:home":                   (OK,    OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "hub:privacy":                (OK,    OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "hub:terms":                  (OK,    OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "hub:join-poster":            (OK,    OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "health":                     (OK,    OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "set-language":               (NOT_ALLOWED,) * 8,
    # Staff areas of the accounts app
    "hub:dashboard":              (FOUND, FOUND, FORBIDDEN, FORBIDDEN, OK,        OK,        OK,        OK),
    "hub:design":                 (FOUND, FOUND, FORBIDDEN, FORBIDDEN, OK,        OK,        OK,        OK),
    "accounts:audit-list":        (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    # Saved filters on the staff queues: POST only, for staff.
    "accounts:saved-filter-create": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "accounts:saved-filter-delete": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "admin:index":                (FOUND, FOUND, FOUND,     FOUND,     OK,        OK,        OK,        OK),
    # allauth: sign-in pages send signed-in users on; account pages need a session
    "account_login":              (OK,    FOUND, FOUND,     FOUND,     FOUND,     FOUND,     FOUND,     FOUND),
    "account_signup":             (OK,    FOUND, FOUND,     FOUND,     FOUND,     FOUND,     FOUND,     FOUND),
    "account_logout":             (FOUND, OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "account_inactive":           (OK,    OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "account_reauthenticate":     (FOUND, OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "account_email":              (FOUND, OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "account_email_verification_sent": (OK, OK,  OK,        OK,        OK,        OK,        OK,        OK),
    "account_change_password":    (FOUND, OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "account_set_password":       (FOUND, FOUND, FOUND,     FOUND,     FOUND,     FOUND,     FOUND,     FOUND),
    "account_reset_password":     (OK,    OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "account_reset_password_done": (OK,   OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "account_reset_password_from_key": (OK, OK,  OK,        OK,        OK,        OK,        OK,        OK),
    "account_reset_password_from_key_done": (OK, OK, OK,    OK,        OK,        OK,        OK,        OK),
    "account_confirm_email":      (OK,    OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "account_confirm_login_code": (FOUND, FOUND, FOUND,     FOUND,     FOUND,     FOUND,     FOUND,     FOUND),
    # Reauthentication by a mailed code is switched off (ACCOUNT_REAUTHENTICATION_METHODS).
    "account_request_reauthentication_code": (FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "account_confirm_reauthentication_code": (FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "mfa_index":                  (FOUND, OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "mfa_authenticate":           (FOUND, FOUND, FOUND,     FOUND,     FOUND,     FOUND,     FOUND,     FOUND),
    "mfa_reauthenticate":         (FOUND, FOUND, OK,        OK,        OK,        OK,        OK,        OK),
    "mfa_activate_totp":          (FOUND, FOUND, FOUND,     FOUND,     FOUND,     FOUND,     FOUND,     FOUND),
    "mfa_deactivate_totp":        (FOUND, NOT_FOUND, FOUND, FOUND,     FOUND,     FOUND,     FOUND,     FOUND),
    "mfa_view_recovery_codes":    (FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "mfa_generate_recovery_codes": (FOUND, FOUND, FOUND,    FOUND,     FOUND,     FOUND,     FOUND,     FOUND),
    "mfa_download_recovery_codes": (FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "mfa_list_webauthn":          (FOUND, OK,    OK,        OK,        OK,        OK,        OK,        OK),
    "mfa_add_webauthn":           (FOUND, FOUND, FOUND,     FOUND,     FOUND,     FOUND,     FOUND,     FOUND),
    "mfa_reauthenticate_webauthn": (FOUND, FOUND, FOUND,    FOUND,     FOUND,     FOUND,     FOUND,     FOUND),
    "mfa_remove_webauthn":        (FOUND, FOUND, FOUND,     FOUND,     FOUND,     FOUND,     FOUND,     FOUND),
    "mfa_edit_webauthn":          (FOUND, FOUND, FOUND,     FOUND,     FOUND,     FOUND,     FOUND,     FOUND),
    "mfa_login_webauthn":         (FOUND,) * 8,  # POST-only; a GET is sent on
    "usersessions_list":          (FOUND, OK,    OK,        OK,        OK,        OK,        OK,        OK),
}
# fmt: on

# POST-only views, posted to with an empty or minimal body.
# fmt: off
POST_MATRIX: dict[str, tuple[HTTPStatus, ...]] = {
    "set-language":               (FOUND,) * 8,
    "account_logout":             (FOUND,) * 8,
    # An empty form is refused; someone else's (or no) saved filter is not found.
    "accounts:saved-filter-create": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST),
    "accounts:saved-filter-delete": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
}
# fmt: on
POST_DATA: dict[str, dict[str, Any]] = {"set-language": {"language": "fr", "next": "/"}}


def _others_saved_filter(user: User | None) -> dict[str, Any]:
    """Another staff member's saved filter: nobody else may delete it."""
    from accounts.models import SavedFilter
    from accounts.roles import Role
    from tests.accounts.factories import UserFactory

    owner = UserFactory(role=Role.VERIFIER)
    saved = SavedFilter.objects.create(
        user=owner, view="onboarding:case-list", name="Mine", query="country=DE"
    )
    return {"pk": saved.pk}


# URL arguments: keys and tokens that are syntactically valid but match nothing.
URL_KWARGS: dict[str, dict[str, Any] | Callable[[User | None], dict[str, Any]]] = {
    "account_confirm_email": {"key": "no-such-key"},
    "account_reset_password_from_key": {"uidb36": "zz", "key": "no-such-key"},
    "mfa_remove_webauthn": {"pk": 999999},
    "mfa_edit_webauthn": {"pk": 999999},
    "accounts:saved-filter-delete": _others_saved_filter,
}

for _app in APPS_WITH_ROWS:
    _rows = import_module(f"tests.{_app}.access")
    for _table, _theirs in (
        (MATRIX, _rows.MATRIX),
        (POST_MATRIX, _rows.POST_MATRIX),
        (URL_KWARGS, _rows.URL_KWARGS),
        (POST_DATA, getattr(_rows, "POST_DATA", {})),
    ):
        assert not set(_table) & set(_theirs), f"{_app}: rows defined twice"
        _table.update(_theirs)


def url_for(name: str, user: User | None) -> str:
    kwargs = URL_KWARGS.get(name)
    if callable(kwargs):
        kwargs = kwargs(user)
    return reverse(name, kwargs=kwargs)


# The Django admin's own pages check model permissions themselves; the matrix
# covers its entrance, and test_admin_pages_are_closed_to_non_admins the rest.
EXEMPT_NAMESPACES = ("admin:",)


def _named_urls(patterns: list, namespace: str | None = None) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _named_urls(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def all_named_urls() -> set[str]:
    return set(_named_urls(get_resolver().url_patterns))


def test_every_named_url_is_in_the_matrix():
    missing = sorted(
        name
        for name in all_named_urls()
        if name not in MATRIX and not name.startswith(EXEMPT_NAMESPACES)
    )
    assert not missing, f"add these URLs to MATRIX in tests/test_access.py: {missing}"


def test_the_matrix_names_only_existing_urls():
    stale = sorted(set(MATRIX) - all_named_urls())
    assert not stale, f"remove these from MATRIX: {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "persona", "expected"),
    [
        pytest.param(name, persona, status, id=f"{name}-{persona or 'anonymous'}")
        for name, row in MATRIX.items()
        for persona, status in zip(PERSONAS, row, strict=True)
    ],
)
def test_each_persona_gets_the_expected_status(
    client: Client, url_name, persona, expected
):
    user = make_persona(persona)
    if user is not None:
        client.force_login(user)
    response = client.get(url_for(url_name, user))
    assert response.status_code == expected, (
        f"{url_name} as {persona or 'anonymous'}: got {response.status_code}, "
        f"expected {expected} ({response.get('Location', '')})"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "persona", "expected"),
    [
        pytest.param(name, persona, status, id=f"{name}-{persona or 'anonymous'}")
        for name, row in POST_MATRIX.items()
        for persona, status in zip(PERSONAS, row, strict=True)
    ],
)
def test_each_persona_gets_the_expected_status_on_post(
    client: Client, url_name, persona, expected
):
    user = make_persona(persona)
    if user is not None:
        client.force_login(user)
    response = client.post(url_for(url_name, user), POST_DATA.get(url_name, {}))
    assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS[:-1])
def test_admin_pages_are_closed_to_non_admins(client: Client, persona):
    user = make_persona(persona)
    if user is not None:
        client.force_login(user)
    for url in ("/admin/accounts/user/", "/admin/accounts/auditevent/"):
        response = client.get(url)
        # Anonymous users go to allauth's sign-in; signed-in non-staff are refused.
        assert response.status_code in (FOUND, FORBIDDEN)
        if response.status_code == FOUND:
            assert "/login/" in response["Location"]


@pytest.mark.django_db
def test_admins_can_open_the_user_and_audit_admin(admin_client: Client):
    for url in ("/admin/accounts/user/", "/admin/accounts/auditevent/"):
        assert admin_client.get(url).status_code == OK
