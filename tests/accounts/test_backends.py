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
