import pytest

from accounts.models import User
from accounts.roles import Perm, Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # no cached roles or permissions


def test_capabilities_come_from_the_roles_in_one_query(django_assert_num_queries):
    member = fresh(UserFactory(role=Role.MEMBER))
    with django_assert_num_queries(1):
        assert member.has_perm(Perm.USE_MEMBER_AREA)
        assert not member.has_perm(Perm.VERIFY_APPLICATIONS)
        assert not member.has_perm(Perm.USE_PROVIDER_PORTAL)


def test_superusers_hold_every_capability_and_inactive_users_none():
    root = User.objects.create_superuser("root@hub.example", "x")
    assert all(root.has_perm(perm) for perm in Perm)
    verifier = UserFactory(role=Role.VERIFIER)
    verifier.is_active = False
    verifier.save()
    assert not fresh(verifier).has_perm(Perm.VERIFY_APPLICATIONS)


def test_model_permissions_still_come_from_the_database():
    admin = fresh(UserFactory(role=Role.ADMIN))
    assert not admin.has_perm("auth.delete_group")
    assert admin.has_perm(Perm.MANAGE_ROLES)


def test_the_signed_in_user_comes_with_their_roles_in_one_query(
    client, django_assert_num_queries, settings
):
    member = UserFactory(role=Role.MEMBER)
    client.force_login(member)
    # The session (from the cache when it is shared), then user and roles
    # together; the gate and the header's links ask nothing more.
    session_queries = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    client.get("/privacy/")  # a cached_db session is in the cache from now on
    with django_assert_num_queries(session_queries + 1):
        response = client.get("/privacy/")
    assert response.status_code == 200
    assert 'href="/tools/"' in response.content.decode()  # a member's link


def test_a_role_taken_away_is_gone_on_the_next_request(client):
    member = UserFactory(role=Role.MEMBER)
    client.force_login(member)
    assert client.get("/tools/").status_code == 200
    member.groups.clear()
    # No longer a member: an applicant, sent to their application.
    assert client.get("/tools/").status_code == 302


def test_an_unknown_user_id_in_the_session_signs_nobody_in(client):
    member = UserFactory(role=Role.MEMBER)
    client.force_login(member)
    member.delete()
    response = client.get("/tools/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
