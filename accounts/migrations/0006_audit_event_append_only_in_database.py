"""The audit log becomes append-only in the database, not only in the ORM.

1. ``target_model`` snapshots the target type as text ("app_label.model"),
   filled in for the rows already written.
2. ``actor`` and ``target_type`` lose their database constraint and their
   ``SET_NULL``: deleting a user or a content type no longer rewrites the log.
3. On PostgreSQL, a trigger refuses every UPDATE and DELETE of a row, whoever
   sends it. One UPDATE passes: the retention purge's redaction, inside a
   transaction that set ``hub.audit_redaction`` to ``on``, which may only turn
   ``actor_label``, ``target_label`` and leaves of ``before``/``after`` into
   ``purged:`` pseudonyms and the IP address into NULL; every other column must
   stay as it was. It is a no-op on SQLite (development and the first CI pass),
   where the ORM's guard is what there is.

TRUNCATE is not refused: it needs the table's owner, and the test suite's flush
uses it. A role that owns the table can also drop the trigger, so in production
the application should not connect as the owner of its tables.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

REDACTABLE = "ARRAY['actor_label', 'target_label', 'before', 'after', 'ip_address']"

CREATE_SQL = [
    # Is ``new`` ``old`` with some values replaced by "purged:..." strings?
    # Same keys, same array lengths, every other leaf unchanged.
    """
    CREATE OR REPLACE FUNCTION accounts_audit_json_redacted(
        old_value jsonb, new_value jsonb
    ) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
        item text;
        idx integer;
    BEGIN
        IF old_value IS NOT DISTINCT FROM new_value THEN
            RETURN true;
        END IF;
        IF old_value IS NULL OR new_value IS NULL THEN
            RETURN false;
        END IF;
        IF jsonb_typeof(new_value) = 'string'
           AND (new_value #>> '{}') LIKE 'purged:%'
        THEN
            RETURN true;
        END IF;
        IF jsonb_typeof(old_value) = 'object'
           AND jsonb_typeof(new_value) = 'object'
        THEN
            IF (SELECT coalesce(array_agg(k ORDER BY k), '{}')
                FROM jsonb_object_keys(old_value) AS k)
               IS DISTINCT FROM
               (SELECT coalesce(array_agg(k ORDER BY k), '{}')
                FROM jsonb_object_keys(new_value) AS k)
            THEN
                RETURN false;
            END IF;
            FOR item IN SELECT jsonb_object_keys(old_value) LOOP
                IF NOT accounts_audit_json_redacted(
                    old_value -> item, new_value -> item
                ) THEN
                    RETURN false;
                END IF;
            END LOOP;
            RETURN true;
        END IF;
        IF jsonb_typeof(old_value) = 'array' AND jsonb_typeof(new_value) = 'array' THEN
            IF jsonb_array_length(old_value) <> jsonb_array_length(new_value) THEN
                RETURN false;
            END IF;
            FOR idx IN 0 .. jsonb_array_length(old_value) - 1 LOOP
                IF NOT accounts_audit_json_redacted(
                    old_value -> idx, new_value -> idx
                ) THEN
                    RETURN false;
                END IF;
            END LOOP;
            RETURN true;
        END IF;
        RETURN false;
    END;
    $$;
    """,
    f"""
    CREATE OR REPLACE FUNCTION accounts_auditevent_append_only()
    RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE'
           AND coalesce(current_setting('hub.audit_redaction', true), '') = 'on'
           AND (to_jsonb(NEW) - {REDACTABLE}) = (to_jsonb(OLD) - {REDACTABLE})
           AND (NEW.ip_address IS NULL
                OR NEW.ip_address IS NOT DISTINCT FROM OLD.ip_address)
           AND (NEW.actor_label = OLD.actor_label OR NEW.actor_label LIKE 'purged:%')
           AND (NEW.target_label = OLD.target_label OR NEW.target_label LIKE 'purged:%')
           AND accounts_audit_json_redacted(OLD.before, NEW.before)
           AND accounts_audit_json_redacted(OLD.after, NEW.after)
        THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'The audit log is append-only: % of audit event % refused.',
            TG_OP, OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    """,
    "DROP TRIGGER IF EXISTS accounts_auditevent_append_only ON accounts_auditevent;",
    """
    CREATE TRIGGER accounts_auditevent_append_only
    BEFORE UPDATE OR DELETE ON accounts_auditevent
    FOR EACH ROW EXECUTE FUNCTION accounts_auditevent_append_only();
    """,
]

DROP_SQL = [
    "DROP TRIGGER IF EXISTS accounts_auditevent_append_only ON accounts_auditevent;",
    "DROP FUNCTION IF EXISTS accounts_auditevent_append_only();",
    "DROP FUNCTION IF EXISTS accounts_audit_json_redacted(jsonb, jsonb);",
]


def snapshot_target_models(apps, schema_editor):
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    used = AuditEvent.objects.exclude(target_type=None).values("target_type_id")
    for content_type in ContentType.objects.filter(pk__in=used):
        AuditEvent.objects.filter(target_type_id=content_type.pk).update(
            target_model=f"{content_type.app_label}.{content_type.model}"
        )


def _run(schema_editor, statements):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in statements:
        schema_editor.execute(statement, params=None)


def create_trigger(apps, schema_editor):
    _run(schema_editor, CREATE_SQL)


def drop_trigger(apps, schema_editor):
    _run(schema_editor, DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_staff_role_request"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="auditevent",
            options={
                "base_manager_name": "objects",
                "ordering": ["-created_at", "-id"],
                "verbose_name": "audit event",
                "verbose_name_plural": "audit events",
            },
        ),
        migrations.AddField(
            model_name="auditevent",
            name="target_model",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="target type"
            ),
        ),
        migrations.RunPython(snapshot_target_models, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="actor",
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="target_type",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="target type",
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["target_model", "target_id"], name="accounts_audit_target_idx"
            ),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
