import pytest
from django.test import Client, override_settings
from django.urls import reverse

from accounts.roles import Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

MFA_ROLES = [
    Role.PROVIDER,
    Role.VERIFIER,
    Role.CATALOGUE_EDITOR,
    Role.MODERATOR,
    Role.ADMIN,
]
AREA_OF = {
    Role.PROVIDER: "tools_catalog:provider-portal",
    Role.VERIFIER: "onboarding:case-list",
    Role.CATALOGUE_EDITOR: "tools_catalog:review-queue",
    Role.MODERATOR: "community:moderation-queue",
    Role.ADMIN: "accounts:audit-list",
}


@pytest.mark.parametrize("role", MFA_ROLES)
def test_staff_and_providers_without_mfa_are_sent_to_set_it_up(client: Client, role):
    client.force_login(UserFactory(role=role, mfa=False))
    response = client.get(reverse(AREA_OF[role]))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


@pytest.mark.parametrize("role", MFA_ROLES)
def test_staff_and_providers_with_mfa_open_their_area(client: Client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse(AREA_OF[role])).status_code == 200


def test_a_user_without_mfa_can_still_reach_the_pages_to_set_it_up(client: Client):
    client.force_login(UserFactory(role=Role.VERIFIER, mfa=False))
    for name in ("mfa_index", "account_email", "hub:home", "learning_centre:wellbeing"):
        assert client.get(reverse(name)).status_code == 200, name


def test_the_staff_dashboard_needs_mfa(client: Client):
    client.force_login(UserFactory(role=Role.MODERATOR, mfa=False))
    response = client.get(reverse("hub:dashboard"))
    assert response["Location"] == reverse("mfa_index")


def test_the_django_admin_needs_mfa_too(client: Client):
    client.force_login(UserFactory(role=Role.ADMIN, mfa=False))
    response = client.get("/admin/")
    assert response["Location"] == reverse("mfa_index")


def test_members_are_offered_mfa_but_not_forced(client: Client):
    client.force_login(UserFactory(role=Role.MEMBER))
    assert client.get(reverse("tools_catalog:tool-list")).status_code == 200
    page = client.get(reverse("mfa_index")).content.decode()
    assert reverse("mfa_activate_totp") in page


@override_settings(HUB_MFA_REQUIRED=False)
def test_the_switch_turns_enforcement_off_for_the_demo(client: Client):
    client.force_login(UserFactory(role=Role.VERIFIER, mfa=False))
    assert client.get(reverse("onboarding:case-list")).status_code == 200
