import pytest
from allauth.mfa.utils import is_mfa_enabled

from accounts.roles import Role
from accounts.selectors import user_roles
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_users_from_the_factory_have_totp():
    verifier = UserFactory(role=Role.VERIFIER)
    assert user_roles(user=verifier) == {Role.VERIFIER}
    assert is_mfa_enabled(verifier)


def test_members_from_the_factory_have_totp_too():
    assert is_mfa_enabled(UserFactory(role=Role.MEMBER))


def test_applicants_from_the_factory_have_no_second_factor():
    assert not is_mfa_enabled(UserFactory())
