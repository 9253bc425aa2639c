import pytest
from django.contrib.contenttypes.models import ContentType

from accounts import services
from accounts.audit_context import client_ip_bound
from accounts.models import AuditAction, AuditEvent, StaffRoleRequest
from accounts.roles import Perm, Role
from accounts.selectors import user_is_applicant, user_roles
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_granting_a_role_gives_its_capabilities_and_audits_it():
    admin, user = UserFactory(role=Role.ADMIN), UserFactory()
    assert user_is_applicant(user=user)

    with client_ip_bound("203.0.113.7"):
        assert services.role_grant(actor=admin, user=user, role=Role.VERIFIER)

    user = type(user).objects.get(pk=user.pk)  # fresh permission cache
    assert user.has_perm(Perm.VERIFY_APPLICATIONS)
    assert user.has_perm(Perm.USE_MEMBER_AREA)
    assert not user.has_perm(Perm.VIEW_AUDIT_LOG)
    event = AuditEvent.objects.get(action=AuditAction.ROLE_GRANTED, target_id=user.pk)
    assert event.actor == admin
    assert event.actor_label == admin.email
    assert event.target_type == ContentType.objects.get_for_model(user)
    assert event.before == {"roles": []}
    assert event.after == {"roles": ["verifier"]}
    assert event.ip_address == "203.0.113.7"


def test_granting_a_role_twice_records_one_event():
    user = UserFactory()
    assert services.role_grant(actor=None, user=user, role=Role.MEMBER)
    assert not services.role_grant(actor=None, user=user, role=Role.MEMBER)
    assert AuditEvent.objects.filter(action=AuditAction.ROLE_GRANTED).count() == 1


def test_revoking_a_role_takes_its_capabilities_away():
    user = UserFactory(role=Role.MEMBER)
    assert services.role_revoke(actor=None, user=user, role=Role.MEMBER)
    user = type(user).objects.get(pk=user.pk)
    assert not user.has_perm(Perm.USE_MEMBER_AREA)
    assert user_roles(user=user) == frozenset()
    assert not services.role_revoke(actor=None, user=user, role=Role.MEMBER)


def test_staff_roles_open_the_django_admin_and_revoking_the_last_closes_it():
    user = UserFactory(role=Role.MEMBER)
    assert not user.is_staff
    services.role_grant(actor=None, user=user, role=Role.CATALOGUE_EDITOR)
    services.role_grant(actor=None, user=user, role=Role.MODERATOR)
    assert user.is_staff
    services.role_revoke(actor=None, user=user, role=Role.MODERATOR)
    user.refresh_from_db()
    assert user.is_staff
    services.role_revoke(actor=None, user=user, role=Role.CATALOGUE_EDITOR)
    user.refresh_from_db()
    assert not user.is_staff


def test_staff_roles_combine():
    user = UserFactory(roles=[Role.VERIFIER, Role.MODERATOR])
    assert user.has_perm(Perm.VERIFY_APPLICATIONS)
    assert user.has_perm(Perm.MODERATE_COMMUNITY)
    assert not user.has_perm(Perm.EDIT_CATALOGUE)


def test_suspending_an_account_is_audited_and_blocks_roles():
    admin, member = UserFactory(role=Role.ADMIN), UserFactory(role=Role.MEMBER)
    assert services.user_set_active(actor=admin, user=member, active=False)
    assert not services.user_set_active(actor=admin, user=member, active=False)
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_SUSPENDED)
    assert (event.before, event.after) == ({"is_active": True}, {"is_active": False})
    assert user_roles(user=type(member).objects.get(pk=member.pk)) == frozenset()


def test_the_audit_log_is_append_only():
    event = services.audit_event_record(
        actor=None, action=AuditAction.ACCOUNT_UPDATED, after={"x": 1}
    )
    event.after = {"x": 2}
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    with pytest.raises(TypeError, match="append-only"):
        event.delete()
    with pytest.raises(TypeError, match="append-only"):
        AuditEvent.objects.filter(pk=event.pk).update(after={})
    with pytest.raises(TypeError, match="append-only"):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).after == {"x": 1}


def test_audit_rows_written_by_tasks_carry_no_ip():
    event = services.audit_event_record(actor=None, action=AuditAction.ROLE_GRANTED)
    assert event.ip_address is None
    assert event.actor_label == "system"


def test_people_hear_when_an_administrator_changes_their_staff_role(
    django_capture_on_commit_callbacks, mailoutbox
):
    admin = UserFactory(role=Role.ADMIN)
    user = UserFactory(email="awa@police.example")
    user.language = "ar"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.role_grant(actor=admin, user=user, role=Role.MODERATOR)
        services.role_grant(
            actor=admin, user=user, role=Role.MEMBER
        )  # not a staff role
    assert [m.to for m in mailoutbox] == [["awa@police.example"]]
    assert mailoutbox[0].subject != "You now have the Moderator role"  # in Arabic


def test_the_migrations_give_each_role_exactly_its_capabilities():
    from django.contrib.auth.models import Group

    from accounts.roles import ROLE_CAPABILITIES

    for role, perms in ROLE_CAPABILITIES.items():
        granted = Group.objects.get(name=role).permissions.values_list(
            "codename", flat=True
        )
        assert set(granted) == {perm.codename for perm in perms}, role


def test_status_change_moves_the_row_once_and_audits_the_state_it_left():
    admin = UserFactory(role=Role.ADMIN)
    request = StaffRoleRequest.objects.create(
        user=UserFactory(), role=Role.MODERATOR, requested_by=admin
    )
    stale = StaffRoleRequest.objects.get(pk=request.pk)
    pending = [StaffRoleRequest.Status.PENDING]

    moved = services.status_change(
        actor=admin,
        target=request,
        action=AuditAction.STAFF_ROLE_REJECTED,
        to=StaffRoleRequest.Status.REJECTED,
        allowed_from=pending,
        updates={"decided_by": admin},
    )
    again = services.status_change(
        actor=admin,
        target=stale,
        action=AuditAction.STAFF_ROLE_REJECTED,
        to=StaffRoleRequest.Status.APPROVED,
        allowed_from=pending,
    )

    assert moved is True
    assert again is False
    assert request.status == StaffRoleRequest.Status.REJECTED
    assert request.decided_by == admin
    event = AuditEvent.objects.get(action=AuditAction.STAFF_ROLE_REJECTED)
    assert event.before == {"status": "pending"}
    assert event.after == {"status": "rejected"}
    assert event.actor == admin


def test_audit_status_change_writes_extra_fields_on_both_sides():
    admin = UserFactory(role=Role.ADMIN)
    event = services.audit_status_change(
        actor=admin,
        target=admin,
        action=AuditAction.STAFF_ROLE_REJECTED,
        before="a",
        after="b",
        field="state",
        extra={"revision": 3},
    )
    assert event.before == {"revision": 3, "state": "a"}
    assert event.after == {"revision": 3, "state": "b"}
