"""The catalogue's admin: catalogue editors only, every change audited."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.tools_catalog.factories import ToolFactory
from tools_catalog.models import Capability, ToolClaim

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["provider", "tool", "toolclaim", "capability", "datatype"]
)
def test_catalogue_editors_open_the_catalogue_admin(client: Client, model: str):
    client.force_login(UserFactory(role=Role.CATALOGUE_EDITOR))
    response = client.get(reverse(f"admin:tools_catalog_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.VERIFIER, Role.MEMBER])
def test_other_roles_cannot_open_the_catalogue_admin(client: Client, role: Role):
    client.force_login(UserFactory(role=role))
    response = client.get(reverse("admin:tools_catalog_tool_changelist"))
    assert response.status_code in (302, 403)


def test_admin_changes_to_a_claim_are_audited(client: Client):
    tool = ToolFactory()
    claim = ToolClaim.objects.create(tool=tool, kind=ToolClaim.Kind.DPIA)
    client.force_login(UserFactory(role=Role.CATALOGUE_EDITOR))
    url = reverse("admin:tools_catalog_toolclaim_change", args=[claim.pk])
    response = client.post(
        url,
        {
            "tool": tool.pk,
            "kind": ToolClaim.Kind.DPIA,
            "value": "yes",
            "provenance": ToolClaim.Provenance.STAFF_VERIFIED,
            "evidence_url": "https://example.org/dpia.pdf",
            "dated": "2026-01-10",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    claim.refresh_from_db()
    assert claim.provenance == ToolClaim.Provenance.STAFF_VERIFIED
    event = AuditEvent.objects.get(action="admin_change")
    assert event.after["provenance"] == "staff_verified"


def test_admin_adds_a_capability_with_an_audit_row(client: Client):
    client.force_login(UserFactory(role=Role.CATALOGUE_EDITOR))
    response = client.post(
        reverse("admin:tools_catalog_capability_add"),
        {
            "name": "Voice comparison",
            "slug": "voice-comparison",
            "group": "identification",
            "definition": "Compares voices across recordings.",
        },
    )
    assert response.status_code == 302
    assert Capability.objects.filter(slug="voice-comparison").exists()
    assert AuditEvent.objects.filter(action="admin_add").exists()
