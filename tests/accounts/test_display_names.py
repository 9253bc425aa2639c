"""How people are named: a pseudonym by default, the name only by choice, the
email never (to other members); staff screens identify people."""

import pytest

from accounts import services
from accounts.models import AuditAction, AuditEvent
from accounts.roles import Perm, Role
from accounts.selectors import (
    user_display_name,
    user_list_with_capability,
    user_own_name,
    user_staff_label,
)
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_str_of_a_user_is_a_pseudonym_never_the_name_or_email():
    user = UserFactory(full_name="Sam Someone", email="sam@police.example")
    for shown in (False, True):
        user.show_name = shown
        text = str(user)
        assert text.startswith("Member ")
        assert "Sam" not in text
        assert "sam@" not in text


def test_pseudonyms_are_stable_and_distinct():
    users = UserFactory.create_batch(20)
    names = {str(user) for user in users}
    assert len(names) == 20
    assert str(users[0]) == str(type(users[0]).objects.get(pk=users[0].pk))


def test_display_name_follows_the_choice():
    user = UserFactory(full_name="Sam Someone", show_name=False)
    assert user_display_name(user) == str(user)
    user.show_name = True
    assert user_display_name(user) == "Sam Someone"
    # Content with its own choice (a review) decides for itself.
    assert user_display_name(user, show_name=False) == str(user)
    user.full_name = ""
    assert user_display_name(user) == str(user)


def test_staff_label_and_own_name_identify():
    user = UserFactory(full_name="Sam Someone", email="sam@police.example")
    assert user_staff_label(user) == "Sam Someone <sam@police.example>"
    assert user_own_name(user) == "Sam Someone"
    user.full_name = ""
    assert user_staff_label(user) == "sam@police.example"
    assert user_own_name(user) == "sam@police.example"


def test_the_audit_log_identifies_the_person_for_staff():
    admin = UserFactory(role=Role.ADMIN)
    target = UserFactory(full_name="Sam Someone", email="sam@police.example")
    services.role_grant(actor=admin, user=target, role=Role.MEMBER)
    event = AuditEvent.objects.filter(action=AuditAction.ROLE_GRANTED).first()
    assert event is not None
    assert event.target_label == "Sam Someone <sam@police.example>"


def test_capability_holders_leave_out_revoked_members_and_providers():
    member = UserFactory(role=Role.MEMBER)
    revoked = UserFactory(role=Role.MEMBER)
    services.role_revoke(actor=None, user=revoked, role=Role.MEMBER)
    provider = UserFactory(role=Role.PROVIDER)
    holders = set(user_list_with_capability(perm=Perm.USE_MEMBER_AREA))
    assert member in holders
    assert revoked not in holders
    assert provider not in holders
