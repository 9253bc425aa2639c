"""The provider portal through HTTP: every state a listing can be in, as the
provider sees it in the table and on its page; the editor's diff in human words;
a decided listing or revision cannot be decided twice."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import Role
from learning_centre.models import Stage
from tests.accounts.factories import UserFactory
from tests.tools_catalog.factories import (
    CapabilityFactory,
    ProviderFactory,
    ToolFactory,
)
from tools_catalog import services
from tools_catalog.forms import ListingForm
from tools_catalog.models import (
    Capability,
    DataType,
    DeploymentMode,
    Disclosure,
    Integration,
    ListingRevision,
    SupportedLanguage,
    Tool,
)

pytestmark = pytest.mark.django_db
PORTAL = "tools_catalog:provider-portal"


def _edit(tool) -> str:
    return reverse("tools_catalog:provider-tool-edit", args=[tool.pk])


def _review_url(kind: str, pk: int) -> str:
    return reverse("tools_catalog:listing-review", args=[kind, pk])


@pytest.fixture
def rep() -> object:
    return UserFactory(role=Role.PROVIDER)


@pytest.fixture
def rep_client(client: Client, rep) -> Client:
    client.force_login(rep)
    return client


@pytest.fixture
def editor() -> object:
    return UserFactory(role=Role.CATALOGUE_EDITOR)


def _tool(rep, **kwargs) -> Tool:
    return ToolFactory(provider=ProviderFactory(representatives=[rep]), **kwargs)


def _listing_data(tool: Tool, **changes) -> dict:
    data = {
        "name": tool.name,
        "summary": tool.summary,
        "description": tool.description,
        "data_leaves_premises": tool.data_leaves_premises,
        "cost_model": tool.cost_model,
        "maturity": tool.maturity,
    }
    data.update(changes)
    return data


def _status_cell(html: str, name: str) -> str:
    """The text of the status cell in the portal table's row for ``name``."""
    row = re.search(
        r"<tr>\s*<th scope=\"row\">\s*<a [^>]*>(?:<bdi>)?"
        + re.escape(name)
        + r"(?:</bdi>)?</a>.*?</tr>",
        html,
        re.S,
    )
    assert row, name
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", cells[0]).split())


def _has_editable_form(html: str) -> bool:
    return 'class="listing-form"' in html or 'name="name"' in html


# --- The states, in the table and on the listing's page ------------------------


def test_a_draft_is_editable_and_says_draft(rep_client, rep):
    tool = _tool(rep, name="Draft Tool", status=Tool.Status.DRAFT)
    table = rep_client.get(reverse(PORTAL)).content.decode()
    assert _status_cell(table, "Draft Tool").startswith("Draft")
    page = rep_client.get(_edit(tool)).content.decode()
    assert _has_editable_form(page)
    assert "Submit for review" in page
    response = rep_client.post(_edit(tool), _listing_data(tool, name="Draft Two"))
    assert response.status_code == 302
    tool.refresh_from_db()
    assert tool.name == "Draft Two"


def test_a_submitted_listing_is_read_only_with_its_status_at_the_top(rep_client, rep):
    tool = _tool(rep, name="Waiting Tool", status=Tool.Status.DRAFT)
    rep_client.post(reverse("tools_catalog:provider-tool-submit", args=[tool.pk]))
    tool.refresh_from_db()
    assert tool.status == Tool.Status.SUBMITTED
    table = rep_client.get(reverse(PORTAL)).content.decode()
    assert _status_cell(table, "Waiting Tool").startswith("In review")
    page = rep_client.get(_edit(tool)).content.decode()
    assert not _has_editable_form(page)
    assert "In review" in page
    assert "Withdraw from review" in page
    assert "Waiting Tool" in page  # what was sent is shown, read-only
    # A POST anyway is a clear message and changes nothing.
    response = rep_client.post(
        _edit(tool), _listing_data(tool, name="Sneaky"), follow=True
    )
    assert response.status_code == 200
    assert "cannot be edited while an editor reviews it" in response.content.decode()
    tool.refresh_from_db()
    assert tool.name == "Waiting Tool"
    assert not AuditEvent.objects.filter(action="tool_draft_updated").exists()


def test_changes_requested_on_a_new_listing_shows_the_comment_above_the_form(
    rep_client, rep, editor
):
    tool = _tool(rep, name="Sent Back", status=Tool.Status.SUBMITTED)
    services.listing_decide(
        actor=editor,
        tool=tool,
        decision="request_changes",
        comment="Say which languages it supports.",
    )
    table = rep_client.get(reverse(PORTAL)).content.decode()
    assert _status_cell(table, "Sent Back").startswith("Changes requested")
    page = rep_client.get(_edit(tool)).content.decode()
    assert _has_editable_form(page)
    comment = page.index("Say which languages it supports.")
    assert comment < page.index('class="listing-form"')
    assert page.index("Changes requested") < page.index('class="listing-form"')


def test_a_published_listing_with_a_revision_sent_back_says_changes_requested(
    rep_client, rep, editor
):
    tool = _tool(rep, name="Live Tool")
    revision = services.revision_submit(
        actor=rep,
        tool=tool,
        cleaned={**_listing_data(tool), "summary": "Better summary"},
    )
    services.revision_decide(
        actor=editor,
        revision=revision,
        decision="request_changes",
        comment="Cite the evaluation.",
    )
    table = rep_client.get(reverse(PORTAL)).content.decode()
    status = _status_cell(table, "Live Tool")
    assert status.startswith("Changes requested")
    page = rep_client.get(_edit(tool)).content.decode()
    assert page.index("Cite the evaluation.") < page.index('class="listing-form"')
    # The form holds what the provider proposed, to correct it.
    assert "Better summary" in page
    response = rep_client.post(
        _edit(tool), _listing_data(tool, summary="Better summary, with evaluation")
    )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == ListingRevision.Status.SUBMITTED
    table = rep_client.get(reverse(PORTAL)).content.decode()
    assert _status_cell(table, "Live Tool").startswith("In review")


def test_a_published_listing_with_changes_in_review_is_read_only(rep_client, rep):
    tool = _tool(rep, name="Live Tool")
    rep_client.post(_edit(tool), _listing_data(tool, summary="Proposed summary"))
    revision = ListingRevision.objects.get(tool=tool)
    assert revision.status == ListingRevision.Status.SUBMITTED
    table = rep_client.get(reverse(PORTAL)).content.decode()
    assert _status_cell(table, "Live Tool").startswith("In review")
    page = rep_client.get(_edit(tool)).content.decode()
    assert not _has_editable_form(page)
    assert "Proposed summary" in page
    response = rep_client.post(
        _edit(tool), _listing_data(tool, summary="Another go"), follow=True
    )
    assert "cannot be edited while an editor reviews it" in response.content.decode()
    revision.refresh_from_db()
    assert revision.proposed["summary"] == "Proposed summary"
    # Withdrawing the changes makes the listing editable again; it stays live.
    response = rep_client.post(
        reverse("tools_catalog:provider-tool-withdraw", args=[tool.pk]), follow=True
    )
    assert "Your changes are withdrawn" in response.content.decode()
    revision.refresh_from_db()
    assert revision.status == ListingRevision.Status.WITHDRAWN
    tool.refresh_from_db()
    assert tool.status == Tool.Status.PUBLISHED
    assert AuditEvent.objects.filter(action="tool_revision_withdrawn").exists()
    assert _has_editable_form(rep_client.get(_edit(tool)).content.decode())


def test_a_published_listing_says_published_after_approval(rep_client, rep, editor):
    tool = _tool(rep, name="Live Tool")
    revision = services.revision_submit(
        actor=rep, tool=tool, cleaned={**_listing_data(tool), "summary": "New"}
    )
    services.revision_decide(actor=editor, revision=revision, decision="approve")
    table = rep_client.get(reverse(PORTAL)).content.decode()
    assert _status_cell(table, "Live Tool").startswith("Published")
    page = rep_client.get(_edit(tool)).content.decode()
    assert _has_editable_form(page)
    assert "Send changes for review" in page


def test_a_rejected_listing_is_read_only_with_the_comment(rep_client, rep, editor):
    tool = _tool(rep, name="No Go", status=Tool.Status.SUBMITTED)
    services.listing_decide(
        actor=editor, tool=tool, decision="reject", comment="Not a tool for police."
    )
    table = rep_client.get(reverse(PORTAL)).content.decode()
    assert _status_cell(table, "No Go").startswith("Rejected")
    page = rep_client.get(_edit(tool)).content.decode()
    assert not _has_editable_form(page)
    assert "Not a tool for police." in page


# --- Every choice field has its options ------------------------------------------


def test_every_choice_field_offers_every_option_of_its_vocabulary(rep_client, rep):
    ProviderFactory(representatives=[rep])
    # Terms no tool uses yet: the form still offers them.
    terms = {
        "capabilities": Capability.objects.create(name="Age estimation", slug="age-x"),
        "data_types": DataType.objects.create(name="Audio", slug="audio-x"),
        "deployments": DeploymentMode.objects.create(name="Air-gapped", slug="gap-x"),
        "integrations": Integration.objects.create(name="Griffeye", slug="grif-x"),
        "languages": SupportedLanguage.objects.create(name="Tagalog", slug="tl-x"),
    }
    html = rep_client.get(
        reverse("tools_catalog:provider-tool-create")
    ).content.decode()
    for field, term in terms.items():
        assert re.search(
            rf'name="{field}" value="{term.slug}"|<option value="{term.slug}"', html
        ), field
        assert term.name in html
    for stage in Stage.objects.all():
        assert f'value="{stage.key}"' in html
    for field, choices in (
        ("data_leaves_premises", Disclosure.choices),
        ("cost_model", Tool.Cost.choices),
        ("maturity", Tool.Maturity.choices),
    ):
        for value, _label in choices:
            assert f'value="{value}"' in html, (field, value)


def test_the_languages_field_reads_the_vocabulary_not_the_tools(rep):
    SupportedLanguage.objects.create(name="Swahili", slug="sw")  # no tool uses it
    form = ListingForm(providers=[ProviderFactory(representatives=[rep])])
    offered = {value for value, _label in form.fields["languages"].choices}
    assert offered == set(SupportedLanguage.objects.values_list("slug", flat=True))
    assert "sw" in offered


def test_a_value_outside_the_vocabulary_is_a_clear_message_and_nothing_is_lost(
    rep_client, rep
):
    ProviderFactory(representatives=[rep])
    url = reverse("tools_catalog:provider-tool-create")
    response = rep_client.post(
        url,
        {
            "name": "Typed Name",
            "summary": "Typed summary",
            "languages": ["klingon"],
            "cost_model": "gold",
            "data_leaves_premises": "not_disclosed",
            "maturity": "not_disclosed",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Typed Name" in html
    assert "Typed summary" in html
    assert not Tool.objects.filter(name="Typed Name").exists()


# --- The editor's diff in the viewer's language ------------------------------------


def test_the_diff_shows_labels_and_names_in_the_editors_language(
    client: Client, rep, editor
):
    ocr = CapabilityFactory(name="Optical character recognition", slug="ocr")
    tool = _tool(rep, name="Finder")
    revision = services.revision_submit(
        actor=rep,
        tool=tool,
        cleaned={
            **_listing_data(tool),
            "data_leaves_premises": Disclosure.NO,
            "maturity": Tool.Maturity.PILOT,
            "cost_model": Tool.Cost.NOT_DISCLOSED,
            "stages": list(
                Stage.objects.filter(key__in=["media_review", "triage_prioritisation"])
            ),
            "capabilities": [ocr],
        },
    )
    client.force_login(editor)
    html = client.get("/fr" + _review_url("revision", revision.pk)).content.decode()
    table = html[html.index('<table class="diff"') : html.index("</table>")]
    for raw in (
        "not_disclosed",
        "pilot",
        "media_review",
        "triage_prioritisation",
        "ocr,",
    ):
        assert raw not in table, raw
    assert "Pilote" in table
    assert "Non communiqué" in table  # the maturity before
    assert "Examen et catégorisation des médias" in table
    assert "Tri et priorisation" in table
    assert "Optical character recognition" in table
    assert "Maturité" in table or "maturité" in table  # the field's label


def test_a_new_listing_diff_uses_labels_too(client: Client, rep, editor):
    tool = _tool(
        rep,
        status=Tool.Status.SUBMITTED,
        maturity=Tool.Maturity.PRODUCTION,
        data_leaves_premises=Disclosure.NOT_DISCLOSED,
        stages=["media_review"],
    )
    client.force_login(editor)
    html = client.get(_review_url("tool", tool.pk)).content.decode()
    table = html[html.index('<table class="diff"') : html.index("</table>")]
    assert "Production" in table
    assert "Media review and categorisation" in table
    assert "media_review" not in table
    assert "not_disclosed" not in table


# --- A decision is taken once ------------------------------------------------


def test_a_decided_revision_cannot_be_decided_again(
    client: Client, rep, editor, django_capture_on_commit_callbacks
):
    tool = _tool(rep, name="Finder")
    revision = services.revision_submit(
        actor=rep, tool=tool, cleaned={**_listing_data(tool), "summary": "Newer"}
    )
    client.force_login(editor)
    url = _review_url("revision", revision.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"decision": "approve"}).status_code == 302
    sent = len(mail.outbox)
    page = client.get(url).content.decode()
    assert 'name="decision"' not in page
    assert "Record decision" not in page
    assert "Approved" in page
    assert "No changes." not in page
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            url, {"decision": "reject", "comment": "Changed my mind"}, follow=True
        )
    assert "already been decided" in again.content.decode()
    revision.refresh_from_db()
    assert revision.status == ListingRevision.Status.APPROVED
    assert revision.editor_comment == ""
    assert AuditEvent.objects.filter(action="tool_listing_approved").count() == 1
    assert not AuditEvent.objects.filter(action="tool_listing_rejected").exists()
    assert len(mail.outbox) == sent


def test_a_decided_new_listing_cannot_be_decided_again(
    client: Client, rep, editor, django_capture_on_commit_callbacks
):
    tool = _tool(rep, name="Brand New", status=Tool.Status.SUBMITTED)
    client.force_login(editor)
    url = _review_url("tool", tool.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "comment": "No"})
    page = client.get(url).content.decode()
    assert 'name="decision"' not in page
    assert "Rejected" in page
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, {"decision": "approve"}, follow=True)
    assert "already been decided" in again.content.decode()
    tool.refresh_from_db()
    assert tool.status == Tool.Status.REJECTED
    assert ListingRevision.objects.filter(tool=tool).count() == 1
    assert not AuditEvent.objects.filter(action="tool_listing_approved").exists()
