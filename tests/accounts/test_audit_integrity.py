"""The audit log cannot be rewritten: not by raw SQL, not by deleting what it names.

The trigger tests need PostgreSQL (CI's second pass) and skip on SQLite, where
there is no trigger; the rest run on both.
"""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, models, transaction
from django.urls import reverse

from accounts import services
from accounts.models import AuditAction, AuditEvent
from accounts.roles import Role
from onboarding.models import TrustedDomain
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the audit table's trigger exists on PostgreSQL only",
)
TABLE = AuditEvent._meta.db_table


def _raw_rows() -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {TABLE} ORDER BY id")  # noqa: S608 (a model's table)
        return cursor.fetchall()


def _event() -> AuditEvent:
    admin, user = UserFactory(role=Role.ADMIN), UserFactory(full_name="Ines Ortega")
    return services.audit_event_record(
        actor=admin,
        action=AuditAction.ACCOUNT_UPDATED,
        target=user,
        before={"full_name": "Ines Ortega", "roles": ["member"], "n": 3},
        after={"full_name": "Ines Ortega-Diaz", "roles": ["member"], "n": 3},
    )


def _sql(statement: str, params: list[object] | None = None, *, flag: bool = False):
    """Run one statement in a savepoint, as a raw connection would."""
    with transaction.atomic(), connection.cursor() as cursor:
        if flag:
            cursor.execute("SELECT set_config('hub.audit_redaction', 'on', true)")
        cursor.execute(statement, params)


def _update(event: AuditEvent, assignments: str, *params: object, flag=False):
    statement = f"UPDATE {TABLE} SET {assignments} WHERE id = {int(event.pk)}"  # noqa: S608
    _sql(statement, [*params] or None, flag=flag)


def _delete(where: str = "true", *, flag: bool = False):
    _sql(f"DELETE FROM {TABLE} WHERE {where}", flag=flag)  # noqa: S608


def _refused(event: AuditEvent, assignments: str, *, flag: bool) -> bool:
    try:
        _update(event, assignments, flag=flag)
    except DatabaseError as error:
        return "append-only" in str(error)
    return False


@needs_postgresql
def test_the_database_refuses_to_update_or_delete_an_audit_row():
    event = _event()
    before = _raw_rows()
    with pytest.raises(DatabaseError, match="append-only"):
        _update(event, "action = 'nothing_happened'")
    with pytest.raises(DatabaseError, match="append-only"):
        _delete(f"id = {event.pk}")
    with pytest.raises(DatabaseError, match="append-only"):
        _delete()
    # The ORM's own escape hatch for a bare queryset meets the same wall.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        models.QuerySet(AuditEvent).filter(pk=event.pk).update(after={})
    assert _raw_rows() == before


@needs_postgresql
def test_the_redaction_flag_lets_only_a_redaction_through():
    event = _event()
    redacted_before = json.dumps(
        {"full_name": "purged:redacted", "roles": ["member"], "n": 3}
    )
    refused = {
        "without the flag": (
            "actor_label = 'purged:user:1', ip_address = NULL",
            False,
        ),
        "another column": ("action = 'nothing_happened'", True),
        "a label that is no pseudonym": ("actor_label = 'mallory@hub.example'", True),
        "a forged value": (
            'after = after || \'{"full_name": "Someone Else"}\'::jsonb',
            True,
        ),
        "a key added": ('after = after || \'{"x": "purged:x"}\'::jsonb', True),
        "a key removed": ("before = before - 'n'", True),
        "an array shortened": (
            "before = jsonb_set(before, '{roles}', '[]'::jsonb)",
            True,
        ),
        "a new IP address": ("ip_address = '192.0.2.99'", True),
        "the time": ("created_at = created_at - interval '1 day'", True),
    }
    let_through = [
        what
        for what, (assignments, flag) in refused.items()
        if not _refused(event, assignments, flag=flag)
    ]
    assert let_through == []
    with pytest.raises(DatabaseError, match="append-only"):
        _delete(f"id = {event.pk}", flag=True)
    assert AuditEvent.objects.get(pk=event.pk).before["full_name"] == "Ines Ortega"

    _update(
        event,
        "actor_label = 'purged:user:1', target_label = 'purged:user:2', "
        "ip_address = NULL, before = %s::jsonb",
        redacted_before,
        flag=True,
    )
    redacted = AuditEvent.objects.get(pk=event.pk)
    assert redacted.actor_label == "purged:user:1"
    assert redacted.before == json.loads(redacted_before)
    assert redacted.after["full_name"] == "Ines Ortega-Diaz"
    assert redacted.action == AuditAction.ACCOUNT_UPDATED


@needs_postgresql
def test_the_redaction_service_closes_the_door_behind_it():
    """``set_config(..., true)`` lasts until the transaction ends, not the
    savepoint: the service must switch the flag off itself."""
    event = _event()
    user = event.target_type.get_object_for_this_type(pk=event.target_id)
    changed = services.audit_events_redact(
        events=AuditEvent.objects.filter(pk=event.pk),
        subject=user,
        strings=["Ines Ortega"],
    )
    assert changed == [event.pk]
    redacted = AuditEvent.objects.get(pk=event.pk)
    assert redacted.target_label.startswith("purged:user:")
    assert redacted.before == {
        "full_name": "purged:redacted",
        "roles": ["member"],
        "n": 3,
    }
    assert redacted.actor_label == event.actor_label  # staff stay named
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('hub.audit_redaction', true)")
        assert cursor.fetchone()[0] == "off"
    assert _refused(event, "actor_label = 'purged:user:3'", flag=False)
    assert AuditEvent.objects.filter(
        action=AuditAction.AUDIT_REDACTED, after={"events": [event.pk]}
    ).exists()


def test_the_orm_refuses_through_every_manager():
    event = _event()
    for manager in (AuditEvent.objects, AuditEvent._base_manager):
        with pytest.raises(TypeError, match="append-only"):
            manager.filter(pk=event.pk).update(after={})
        with pytest.raises(TypeError, match="append-only"):
            manager.filter(pk=event.pk).delete()
    with pytest.raises(TypeError, match="append-only"):
        AuditEvent.objects.bulk_update([event], ["after"])


def test_deleting_a_user_or_a_content_type_leaves_the_audit_rows_byte_identical(
    client,
):
    admin = UserFactory(role=Role.ADMIN)
    member = UserFactory(role=Role.MEMBER, email="dora.deleted@agency.example")
    services.role_grant(actor=admin, user=member, role=Role.VERIFIER)
    services.role_revoke(actor=admin, user=member, role=Role.VERIFIER)
    domain = TrustedDomain.objects.create(domain="gone.example")
    services.audit_event_record(
        actor=member, action=AuditAction.ADMIN_ADD, target=domain
    )
    before = _raw_rows()
    assert any(member.pk in row for row in before)

    member.delete()
    domain.delete()
    ContentType.objects.get_for_model(TrustedDomain).delete()
    ContentType.objects.clear_cache()

    assert _raw_rows() == before
    # The log still reads the same, from the labels written at the time.
    client.force_login(admin)
    page = client.get(reverse("accounts:audit-list")).content.decode()
    assert "dora.deleted@agency.example" in page
    assert "onboarding.trusteddomain" in page
