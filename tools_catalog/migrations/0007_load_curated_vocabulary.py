"""Create the curated vocabulary (fixtures/vocabulary.yaml) and move tools off
the raw terms an older demo load made from the source sheet.

Derived claims (where a tool runs, whether data leaves the agency, security
certification) stop storing a value of their own: it is read from the listing.
"""

from django.db import migrations
from django.utils import timezone

SECTION_MODELS = {
    "capabilities": "Capability",
    "data_types": "DataType",
    "deployments": "DeploymentMode",
    "languages": "SupportedLanguage",
    "integrations": "Integration",
}
DERIVED_KINDS = ("on_premise", "no_data_leaves", "certification")


def forwards(apps, schema_editor):
    from tools_catalog.vocabulary import raw_terms_map, vocabulary_sync

    models = {
        section: apps.get_model("tools_catalog", name)
        for section, name in SECTION_MODELS.items()
    }
    tool_model = apps.get_model("tools_catalog", "Tool")
    vocabulary_sync(models=models, tool_model=tool_model)
    raw_terms_map(models=models, tool_model=tool_model)
    claim_model = apps.get_model("tools_catalog", "ToolClaim")
    claim_model.objects.filter(kind__in=DERIVED_KINDS).update(value="")
    # The browse page's caches key on the tools' latest updated_at.
    tool_model.objects.update(updated_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("tools_catalog", "0006_curated_vocabulary_and_claim_evidence"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
