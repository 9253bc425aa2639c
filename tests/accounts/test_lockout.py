"""Failed sign-ins cannot be used to lock someone else out.

allauth counts failed sign-ins per client IP and per address. Counted per
address alone, five wrong passwords typed by anyone, anywhere, with an
administrator's address would lock the administrator out: the count is kept per
(client, address) pair instead (accounts.adapters.AccountAdapter).
"""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from accounts.roles import Role
from hub.settings.base import ACCOUNT_RATE_LIMITS as PRODUCTION_RATE_LIMITS
from tests.accounts.factories import PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.django_db

LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
ADDRESS_A, ADDRESS_B = "203.0.113.7", "198.51.100.9"
PROXY = "10.0.0.1"
ATTEMPTS_PER_ADDRESS = 5  # "5/5m/key" in the production rates
LIMITED = "Too many failed login attempts"


def direct(ip: str, spoofed: str = "") -> dict[str, str]:
    """No proxy: the client is REMOTE_ADDR; a forwarded header is ignored."""
    return {"REMOTE_ADDR": ip, "HTTP_X_FORWARDED_FOR": spoofed or "192.0.2.1"}


def behind_proxy(ip: str, spoofed: str = "") -> dict[str, str]:
    """One trusted proxy: it appends the client to whatever the client sent."""
    forwarded = f"{spoofed}, {ip}" if spoofed else ip
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


DEPLOYMENTS = [
    pytest.param(0, direct, id="direct"),
    pytest.param(1, behind_proxy, id="behind-one-proxy"),
]
Meta = Callable[..., dict[str, str]]


@pytest.fixture(autouse=True)
def production_rate_limits():
    with override_settings(
        ACCOUNT_RATE_LIMITS=PRODUCTION_RATE_LIMITS,
        CACHES={**settings.CACHES, "default": LOCMEM},
    ):
        cache.clear()
        yield
        cache.clear()


def sign_in(client: Client, email: str, password: str, meta: dict[str, str]):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, **meta
    )


def errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


@pytest.mark.parametrize(("proxies", "meta"), DEPLOYMENTS)
def test_failed_sign_ins_from_one_client_do_not_lock_the_admin_out_elsewhere(
    proxies: int, meta: Meta
):
    admin = UserFactory(role=Role.ADMIN, email="admin@hub.example")
    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=proxies):
        attacker = Client()
        for n in range(ATTEMPTS_PER_ADDRESS + 3):
            # Whatever the attacker writes in X-Forwarded-For, they stay client A.
            sign_in(attacker, admin.email, "guess", meta(ADDRESS_A, f"192.0.2.{n}"))
        # The attacker, even with the right password, is held back.
        held = sign_in(attacker, admin.email, PASSWORD, meta(ADDRESS_A))
        assert held.status_code == 200
        assert LIMITED in held.content.decode()
        assert "_auth_user_id" not in attacker.session

        # The administrator, from another client, signs in: password, then code.
        owner = Client()
        response = sign_in(owner, admin.email, PASSWORD, meta(ADDRESS_B))
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_authenticate")
        response = owner.post(
            reverse("mfa_authenticate"), {"code": totp_code(admin)}, **meta(ADDRESS_B)
        )
        assert response.status_code == 302
        assert owner.session["_auth_user_id"] == str(admin.pk)


@pytest.mark.parametrize(("proxies", "meta"), DEPLOYMENTS)
def test_the_lockout_message_does_not_tell_whether_the_account_exists(
    proxies: int, meta: Meta
):
    UserFactory(role=Role.ADMIN, email="admin@hub.example")
    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=proxies):
        outcomes = {}
        # From two clients, so that the per-IP limit does not mix the two in.
        for email, ip in (
            ("admin@hub.example", ADDRESS_A),
            ("nobody@hub.example", ADDRESS_B),
        ):
            client = Client()
            wrong = [
                errors(sign_in(client, email, "guess", meta(ip)))
                for _ in range(ATTEMPTS_PER_ADDRESS)
            ]
            limited = errors(sign_in(client, email, PASSWORD, meta(ip)))
            outcomes[email] = (wrong, limited)
        assert outcomes["admin@hub.example"] == outcomes["nobody@hub.example"]
        assert LIMITED in outcomes["nobody@hub.example"][1][0]


def test_a_client_guessing_many_addresses_is_still_held_by_the_per_ip_limit():
    client = Client()
    for n in range(10):  # "10/m/ip"
        sign_in(client, f"user{n}@hub.example", "guess", direct(ADDRESS_A))
    held = sign_in(client, "someone@hub.example", "guess", direct(ADDRESS_A))
    assert LIMITED in held.content.decode()
