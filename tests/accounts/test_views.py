import pytest
from django.test import Client, override_settings
from django.urls import reverse

from accounts import services
from accounts.models import AuditAction, AuditEvent
from accounts.roles import Role
from tests.accounts.factories import UserFactory, reauthenticate

pytestmark = pytest.mark.django_db


def test_the_audit_page_lists_and_filters_events(admin_client: Client, admin_user):
    target = UserFactory(email="someone@police.example", full_name="Sam Someone")
    services.role_grant(actor=admin_user, user=target, role=Role.MEMBER)
    services.user_set_active(actor=admin_user, user=target, active=False)

    page = admin_client.get(reverse("accounts:audit-list")).content.decode()
    assert "Sam Someone" in page
    assert "Role granted" in page
    assert "Account suspended" in page

    filtered = admin_client.get(
        reverse("accounts:audit-list"), {"action": AuditAction.ACCOUNT_SUSPENDED}
    ).content.decode()
    assert "Account suspended" in filtered
    assert "Role granted</td>" not in filtered


def test_the_audit_page_shows_an_empty_state(admin_client: Client):
    response = admin_client.get(
        reverse("accounts:audit-list"), {"action": "role_revoked"}
    )
    assert "No audit events match these filters." in response.content.decode()


def test_the_audit_page_has_a_query_budget(
    admin_client: Client, admin_user, django_assert_max_num_queries
):
    for _ in range(60):
        services.audit_event_record(
            actor=admin_user, action=AuditAction.ACCOUNT_UPDATED, target=admin_user
        )
    admin_client.get(reverse("hub:home"))  # the session's first request records it
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("accounts:audit-list"))
    assert len(response.context["page_obj"]) == 50


def test_changing_roles_in_the_admin_goes_through_the_audited_service(
    admin_client: Client, admin_user
):
    user = UserFactory(email="officer@police.example", full_name="Officer")
    reauthenticate(admin_client)
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "email": user.email,
            "full_name": "Officer Renamed",
            "language": "fr",
            "is_active": "",
            "roles": ["member"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    actions = set(
        AuditEvent.objects.filter(target_id=user.pk).values_list("action", flat=True)
    )
    assert actions == {
        AuditAction.ROLE_GRANTED,
        AuditAction.ACCOUNT_SUSPENDED,
        AuditAction.ACCOUNT_UPDATED,
    }
    updated = AuditEvent.objects.get(action=AuditAction.ACCOUNT_UPDATED)
    assert updated.before == {"full_name": "Officer", "language": "en"}
    assert updated.after == {"full_name": "Officer Renamed", "language": "fr"}
    assert updated.actor == admin_user


def test_the_audit_log_cannot_be_edited_in_the_admin(admin_client: Client, admin_user):
    event = services.audit_event_record(
        actor=admin_user, action=AuditAction.ROLE_GRANTED
    )
    url = reverse("admin:accounts_auditevent_change", args=[event.pk])
    admin_client.post(url, {"action": "role_revoked"})
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.ROLE_GRANTED
    delete = reverse("admin:accounts_auditevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_the_audit_log_records_the_client_ip_behind_a_trusted_proxy(
    admin_client: Client, admin_user
):
    user = UserFactory(email="proxy@police.example")
    reauthenticate(admin_client)
    admin_client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "email": user.email,
            "full_name": user.full_name,
            "language": "en",
            "is_active": "on",
            "roles": ["member"],
        },
        HTTP_X_FORWARDED_FOR="198.51.100.23",
        REMOTE_ADDR="10.0.0.5",
    )
    event = AuditEvent.objects.get(action=AuditAction.ROLE_GRANTED, target_id=user.pk)
    assert event.ip_address == "198.51.100.23"
