import pytest
from django.test import Client, override_settings
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import user_roles
from onboarding import services
from tests.accounts.factories import UserFactory, reauthenticate
from tests.hub.test_security import run_production
from tests.onboarding.factories import SubmittedApplicationFactory

pytestmark = pytest.mark.django_db

MFA_ROLES = [
    Role.MEMBER,
    Role.PROVIDER,
    Role.VERIFIER,
    Role.CATALOGUE_EDITOR,
    Role.MODERATOR,
    Role.ADMIN,
]
AREA_OF = {
    Role.MEMBER: "tools_catalog:tool-list",
    Role.PROVIDER: "tools_catalog:provider-portal",
    Role.VERIFIER: "onboarding:case-list",
    Role.CATALOGUE_EDITOR: "tools_catalog:review-queue",
    Role.MODERATOR: "community:moderation-queue",
    Role.ADMIN: "accounts:audit-list",
}


@pytest.mark.parametrize("role", MFA_ROLES)
def test_vetted_users_without_mfa_are_sent_to_set_it_up(client: Client, role):
    client.force_login(UserFactory(role=role, mfa=False))
    response = client.get(reverse(AREA_OF[role]))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


@pytest.mark.parametrize("role", MFA_ROLES)
def test_vetted_users_with_mfa_open_their_area(client: Client, role):
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


def test_members_without_mfa_reach_only_the_pages_to_set_it_up(client: Client):
    client.force_login(UserFactory(role=Role.MEMBER, mfa=False))
    for name in (
        "tools_catalog:tool-list",
        "community:forum-index",
        "learning_centre:overview",
    ):
        response = client.get(reverse(name))
        assert response["Location"] == reverse("mfa_index"), name
    page = client.get(reverse("mfa_index")).content.decode()
    assert reverse("mfa_activate_totp") in page


def test_applicants_are_not_asked_for_mfa_before_they_are_vetted(client: Client):
    client.force_login(UserFactory())
    assert client.get(reverse("onboarding:application")).status_code == 200


def test_an_approved_applicant_must_set_up_mfa_at_next_sign_in(
    client: Client, django_capture_on_commit_callbacks
):
    application = SubmittedApplicationFactory()
    verifier = UserFactory(role=Role.VERIFIER)
    services.application_claim(application=application, actor=verifier)
    client.force_login(verifier)
    reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("onboarding:case-approve", args=[application.pk]),
            {"version": application.version},
        )
    new_member = User.objects.get(pk=application.user_id)
    assert Role.MEMBER in user_roles(user=new_member)

    client.force_login(new_member)
    response = client.get(reverse("tools_catalog:tool-list"))
    assert response["Location"] == reverse("mfa_index")


def test_production_always_requires_mfa():
    result = run_production(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.HUB_MFA_REQUIRED)",
        HUB_MFA_REQUIRED="False",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"


@override_settings(HUB_MFA_REQUIRED=False)
def test_the_switch_turns_enforcement_off_for_the_demo(client: Client):
    client.force_login(UserFactory(role=Role.VERIFIER, mfa=False))
    assert client.get(reverse("onboarding:case-list")).status_code == 200
