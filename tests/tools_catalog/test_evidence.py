"""Claims a member can check: one source of truth per fact, the evidence shown
on the tool page and in compare, and a demo vetting story that means something."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.demo import seed_accounts
from accounts.models import AuditEvent
from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.tools_catalog.factories import ToolFactory
from tools_catalog.demo_catalogue import load_demo_catalogue
from tools_catalog.models import DeploymentMode, Tool, ToolClaim

pytestmark = pytest.mark.django_db

LIST = "tools_catalog:tool-list"
# A claim and the listing fact it restates: (claim row, fact row, agree?).
AGREEMENT = {
    ("No data leaves the agency", "Data leaves the agency's premises"): {
        "Yes": {"No"},
        "No": {"Yes"},
        "Not disclosed": {"Not disclosed"},
    },
}


@pytest.fixture
def demo(db):
    seed_accounts()  # the demo catalogue editor vets a share of the tools
    load_demo_catalogue()


def _cells(response) -> dict[str, object]:
    return {
        label: cell
        for _group, rows in response.context["groups"]
        for label, cell in rows
    }


def test_every_seeded_tools_claims_agree_with_its_attributes(
    demo, member_client: Client
):
    """The NetClean ProActive bug: "Data leaves premises: No" beside the claim
    "No data leaves the agency: Not disclosed". Checked on every tool's page."""
    for tool in Tool.objects.published():
        cells = _cells(member_client.get(tool.get_absolute_url()))
        for (claim, fact), agree in AGREEMENT.items():
            assert cells[fact].text in agree[cells[claim].text], (tool.name, claim)
        deployments = {d.slug for d in tool.deployments.all()}
        local = {d.runs_locally for d in tool.deployments.all()} - {None}
        on_premise = cells["Runs on-premise"].text
        if True in local:
            assert on_premise == "Yes", tool.name
        elif local:
            assert on_premise == "No", (tool.name, deployments)
        else:
            assert on_premise == "Not disclosed", (tool.name, deployments)
        assert (cells["Security certification"].text == "Not disclosed") == (
            not tool.security_certifications
        )


def test_netclean_proactive_shows_one_answer_with_its_evidence(
    demo, member_client: Client
):
    response = member_client.get(
        reverse("tools_catalog:tool-detail", args=["netclean-proactive"])
    )
    cells = _cells(response)
    assert cells["Data leaves the agency's premises"].text == "No"
    assert cells["No data leaves the agency"].text == "Yes"
    html = response.content.decode()
    assert 'href="https://www.netclean.com/netclean-proactive/"' in html
    assert "(netclean.com)" in html
    assert "Verified by Elena Editor on" in html
    assert "valid until" in html


def test_a_claims_value_follows_the_listing_when_the_listing_changes(
    member_client: Client,
):
    tool = ToolFactory(data_leaves_premises="no")
    ToolClaim.objects.create(
        tool=tool,
        kind=ToolClaim.Kind.NO_DATA_LEAVES,
        provenance=ToolClaim.Provenance.DOCUMENT_BACKED,
        evidence_url="https://example.org/architecture.pdf",
    )
    assert (
        _cells(member_client.get(tool.get_absolute_url()))[
            "No data leaves the agency"
        ].text
        == "Yes"
    )
    Tool.objects.filter(pk=tool.pk).update(data_leaves_premises="yes")
    cells = _cells(member_client.get(tool.get_absolute_url()))
    assert cells["Data leaves the agency's premises"].text == "Yes"
    assert cells["No data leaves the agency"].text == "No"


def test_the_page_and_compare_show_each_claims_evidence_and_expiry(
    member_client: Client, settings
):
    settings.HUB_CATALOGUE_VERIFICATION_DAYS = 365
    editor = UserFactory(role=Role.CATALOGUE_EDITOR, full_name="Elena Editor")
    today = timezone.localdate()
    fresh = ToolFactory(name="Fresh")
    fresh.deployments.add(DeploymentMode.objects.get(slug="on-premise"))
    ToolClaim.objects.create(
        tool=fresh,
        kind=ToolClaim.Kind.ON_PREMISE,
        provenance=ToolClaim.Provenance.STAFF_VERIFIED,
        evidence_url="https://www.example.org/docs/deployment.pdf",
        evidence_title="Deployment guide",
        evidence_date=date(2025, 3, 14),
        verified_by=editor,
        dated=today - timedelta(days=10),
    )
    stale = ToolFactory(name="Stale")
    ToolClaim.objects.create(
        tool=stale,
        kind=ToolClaim.Kind.DPIA,
        value="yes",
        provenance=ToolClaim.Provenance.STAFF_VERIFIED,
        evidence_url="https://dpia.example.net/report",
        verified_by=editor,
        dated=today - timedelta(days=400),
    )
    page = member_client.get(fresh.get_absolute_url()).content.decode()
    assert '<a href="https://www.example.org/docs/deployment.pdf"' in page
    assert "Deployment guide" in page
    assert "(example.org)" in page
    assert "document dated 14 March 2025" in page
    assert "Verified by Elena Editor on" in page
    assert "valid until" in page
    assert "Staff-verified" in page

    expired = member_client.get(stale.get_absolute_url()).content.decode()
    assert "evidence--expired" in expired
    assert "Verification expired" in expired
    assert "the verification expired on" in expired
    # An expired verification falls back to what the provider asserts.
    assert "Provider-asserted" in expired
    assert "document undated" in expired

    compare = member_client.get(
        reverse("tools_catalog:tool-compare") + f"?tools={fresh.slug},{stale.slug}"
    ).content.decode()
    assert "Deployment guide" in compare
    assert "Verified by Elena Editor on" in compare
    assert "Verification expired" in compare


def test_a_claim_restating_the_listing_refuses_a_value_of_its_own(client: Client):
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    client.force_login(editor)
    tool = ToolFactory(data_leaves_premises="yes")
    response = client.post(
        reverse("admin:tools_catalog_toolclaim_add"),
        {
            "tool": tool.pk,
            "kind": ToolClaim.Kind.NO_DATA_LEAVES,
            "value": "yes",
            "provenance": ToolClaim.Provenance.STAFF_VERIFIED,
            "dated": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "takes its value from the listing" in response.content.decode()
    assert not ToolClaim.objects.exists()
    response = client.post(
        reverse("admin:tools_catalog_toolclaim_add"),
        {
            "tool": tool.pk,
            "kind": ToolClaim.Kind.NO_DATA_LEAVES,
            "value": "",
            "provenance": ToolClaim.Provenance.STAFF_VERIFIED,
            "evidence_url": "https://example.org/architecture.pdf",
            "dated": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    claim = ToolClaim.objects.get()
    # The editor who verifies is recorded as the verifier, and audited.
    assert claim.verified_by == editor
    assert AuditEvent.objects.filter(action="admin_add", actor=editor).exists()


def test_the_demo_vetting_tells_a_story(demo, member_client: Client, settings):
    settings.HUB_CATALOGUE_VERIFICATION_DAYS = 365
    tools = Tool.objects.published()
    vetted = tools.exclude(last_vetted_on=None)
    # A realistic share, some recent, some long ago.
    assert 0.15 <= vetted.count() / tools.count() <= 0.4
    claims = list(
        ToolClaim.objects.filter(provenance=ToolClaim.Provenance.STAFF_VERIFIED)
    )
    assert any(c.verification_expired for c in claims)
    assert any(not c.verification_expired for c in claims)
    assert {c.verified_by.email for c in claims} == {"editor@hub.example"}
    assert ToolClaim.objects.filter(
        provenance=ToolClaim.Provenance.DOCUMENT_BACKED
    ).exists()
    # "Recently vetted" sorts something: the latest first, unvetted last.
    response = member_client.get(reverse(LIST), {"sort": "vetted"})
    names = [t.name for t in response.context["page_obj"]]
    latest = vetted.order_by("-last_vetted_on").first()
    assert names[0] == latest.name
    # A tool vetted over a year ago says it is due again.
    old = vetted.order_by("last_vetted_on").first()
    page = member_client.get(old.get_absolute_url()).content.decode()
    assert "Due for vetting again" in page
