"""The GIN index behind full-text search, on PostgreSQL only (SQLite has no GIN)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS tool_search_vector_gin "
            "ON tools_catalog_tool USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS tool_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("tools_catalog", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
