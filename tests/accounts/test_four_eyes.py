import pytest
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import AuditAction, AuditEvent, StaffRoleRequest
from accounts.roles import Role
from accounts.selectors import user_roles
from tests.accounts.factories import UserFactory, reauthenticate

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_admins():
    return UserFactory(role=Role.ADMIN), UserFactory(role=Role.ADMIN)


def test_a_staff_role_is_granted_only_when_a_second_admin_approves(two_admins):
    first, second = two_admins
    officer = UserFactory(role=Role.MEMBER)

    request = services.staff_role_request(actor=first, user=officer, role=Role.VERIFIER)
    assert request is not None
    assert Role.VERIFIER not in user_roles(user=officer)

    services.staff_role_request_approve(actor=second, request=request)

    officer = type(officer).objects.get(pk=officer.pk)
    assert Role.VERIFIER in user_roles(user=officer)
    request.refresh_from_db()
    assert request.status == StaffRoleRequest.Status.APPROVED
    assert request.decided_by == second
    actions = list(
        AuditEvent.objects.filter(target_id=officer.pk)
        .order_by("id")
        .values_list("action", "actor")
    )
    assert actions[-3:] == [
        (AuditAction.STAFF_ROLE_REQUESTED, first.pk),
        (AuditAction.STAFF_ROLE_APPROVED, second.pk),
        (AuditAction.ROLE_GRANTED, second.pk),
    ]


@pytest.mark.parametrize("who", ["requester", "beneficiary"])
def test_neither_the_requester_nor_the_beneficiary_may_approve(two_admins, who):
    first, second = two_admins  # `second` would get the moderator role
    request = services.staff_role_request(actor=first, user=second, role=Role.MODERATOR)
    decider = first if who == "requester" else second
    with pytest.raises(services.FourEyesError):
        services.staff_role_request_approve(actor=decider, request=request)
    assert Role.MODERATOR not in user_roles(user=second)
    request.refresh_from_db()
    assert request.status == StaffRoleRequest.Status.PENDING


def test_a_decided_request_cannot_be_decided_again(two_admins):
    first, second = two_admins
    third = UserFactory(role=Role.ADMIN)
    officer = UserFactory()
    request = services.staff_role_request(actor=first, user=officer, role=Role.VERIFIER)
    services.staff_role_request_reject(actor=second, request=request)
    with pytest.raises(services.FourEyesError, match="already been decided"):
        services.staff_role_request_approve(actor=third, request=request)
    assert Role.VERIFIER not in user_roles(user=officer)


def test_nobody_asks_for_a_staff_role_for_themselves(two_admins):
    first, _ = two_admins
    with pytest.raises(services.FourEyesError):
        services.staff_role_request(actor=first, user=first, role=Role.VERIFIER)


def test_asking_twice_keeps_one_pending_request(two_admins):
    first, _ = two_admins
    officer = UserFactory()
    one = services.staff_role_request(actor=first, user=officer, role=Role.VERIFIER)
    two = services.staff_role_request(actor=first, user=officer, role=Role.VERIFIER)
    assert one == two
    assert StaffRoleRequest.objects.count() == 1


def test_ticking_a_staff_role_in_the_admin_files_a_request(
    admin_client: Client, admin_user
):
    officer = UserFactory(email="officer@police.example")
    reauthenticate(admin_client)
    admin_client.post(
        reverse("admin:accounts_user_change", args=[officer.pk]),
        {
            "email": officer.email,
            "full_name": officer.full_name,
            "language": "en",
            "is_active": "on",
            "roles": ["member", "verifier"],
        },
    )
    assert user_roles(user=type(officer).objects.get(pk=officer.pk)) == {Role.MEMBER}
    request = StaffRoleRequest.objects.get()
    assert (request.role, request.requested_by) == (Role.VERIFIER, admin_user)


def test_a_second_admin_approves_in_the_admin(client: Client, two_admins):
    first, second = two_admins
    officer = UserFactory()
    request = services.staff_role_request(actor=first, user=officer, role=Role.VERIFIER)
    client.force_login(second)
    reauthenticate(client)
    response = client.post(
        reverse("admin:accounts_staffrolerequest_changelist"),
        {"action": "approve", "_selected_action": [request.pk]},
    )
    assert response.status_code == 302
    assert Role.VERIFIER in user_roles(user=type(officer).objects.get(pk=officer.pk))
