import pytest
from django.db import connection

from accounts.models import AuditEvent
from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.tools_catalog.factories import (
    CapabilityFactory,
    ProviderFactory,
    ToolFactory,
    review_published,
)
from tools_catalog import selectors, services
from tools_catalog.audit import CatalogueAction
from tools_catalog.demo_catalogue import load_demo_catalogue
from tools_catalog.forms import ListingForm
from tools_catalog.models import Adoption, ListingRevision, Provider, Tool

pytestmark = pytest.mark.django_db


def test_provider_create_never_hands_back_an_existing_organisation():
    """Handing it back attached whoever named it to someone else's organisation."""
    first = services.provider_create(
        actor=None, name="Acme", website="", country="NL", provider_type="company"
    )
    with pytest.raises(services.ProviderNameTakenError) as taken:
        services.provider_create(
            actor=None,
            name="ACME ",
            website="https://x.example",
            country="",
            provider_type="academic",
        )
    assert taken.value.provider == first
    assert Provider.objects.count() == 1
    assert (
        AuditEvent.objects.filter(action=CatalogueAction.PROVIDER_CREATED).count() == 1
    )
    # A look-alike is another organisation (screening flags it to a verifier).
    other = services.provider_create(
        actor=None, name="Acme, Inc.", website="", country="", provider_type="company"
    )
    assert other.pk != first.pk
    assert first.name_key == other.name_key == "acme"


def test_provider_named_and_lookalikes():
    thorn = ProviderFactory(name="Thorn")
    lookalike = ProviderFactory(name="Th0rn Ltd")
    ProviderFactory(name="Thornton")
    assert selectors.provider_named(name="  tHoRn ") == thorn
    assert selectors.provider_named(name="Th0rn") is None
    assert selectors.provider_lookalike_list(name="Thorn") == [lookalike]
    assert selectors.provider_lookalike_list(name="T.h.o.r.n") == [lookalike, thorn]
    assert selectors.provider_lookalike_list(name="Acme") == []
    # Renaming keeps the key in step.
    lookalike.name = "Acme"
    lookalike.save(update_fields=["name"])
    assert selectors.provider_lookalike_list(name="ACME Corp") == [lookalike]


def test_provider_representative_add_is_idempotent_and_audited():
    provider = ProviderFactory()
    user = UserFactory(role=Role.PROVIDER)
    services.provider_representative_add(actor=None, provider=provider, user=user)
    services.provider_representative_add(actor=None, provider=provider, user=user)
    assert list(user.provider_organisations.all()) == [provider]
    assert (
        AuditEvent.objects.filter(
            action=CatalogueAction.PROVIDER_REPRESENTATIVE_ADDED
        ).count()
        == 1
    )


def test_tools_for_stage_lists_published_tools_of_that_stage_by_name():
    from learning_centre.models import Stage

    stage = Stage.objects.get(key="media_review")
    b = ToolFactory(name="Bravo", stages=["media_review"])
    a = ToolFactory(name="Alpha", stages=["media_review"])
    ToolFactory(name="Draft", stages=["media_review"], status=Tool.Status.DRAFT)
    ToolFactory(name="Other", stages=["victim_identification"])
    assert list(selectors.tools_for_stage(stage=stage)) == [a, b]


def test_demo_catalogue_loads_73_tools_from_62_providers_twice_without_duplicates():
    first = load_demo_catalogue()
    second = load_demo_catalogue()
    assert (first.tools, first.providers, first.created) == (73, 62, 73)
    assert second.created == 0
    assert Tool.objects.published().count() == 73
    assert Provider.objects.count() == 62
    photodna = Tool.objects.get(slug="photodna")
    assert photodna.is_demo
    assert photodna.cost_model == Tool.Cost.FREE
    assert {s.key for s in photodna.stages.all()} == {
        "detection_intake",
        "forensic_acquisition",
        "media_review",
    }
    # "US?" is uncertain: shown as not disclosed, never guessed.
    assert photodna.provider.country == ""
    # "on-premise?" is uncertain: the deployment is not disclosed either.
    griffeye = Tool.objects.get(slug="griffeye-analyze-di-pro")
    assert griffeye.data_leaves_premises == "not_disclosed"
    assert "unconfirmed" in griffeye.deployment_notes
    # Descriptions are our own, not the factsheet's purpose note.
    assert "Robust image signature" not in photodna.description


def _listing_data(**overrides):
    data = {
        "name": "Finder",
        "summary": "Finds.",
        "description": "Finds things.",
        "data_leaves_premises": "not_disclosed",
        "cost_model": "commercial",
        "maturity": "pilot",
    }
    data.update(overrides)
    return data


def _cleaned(**overrides):
    form = ListingForm(data=_listing_data(**overrides))
    assert form.is_valid(), form.errors
    return form.cleaned_data


def test_a_draft_is_submitted_then_approved_and_the_representatives_are_emailed(
    django_capture_on_commit_callbacks, mailoutbox
):
    rep = UserFactory(role=Role.PROVIDER, language="fr")
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    provider = ProviderFactory(representatives=[rep])
    with django_capture_on_commit_callbacks(execute=True):
        tool = services.tool_draft_create(
            actor=rep, provider=provider, cleaned=_cleaned()
        )
        services.tool_submit(actor=rep, tool=tool)
        assert not Tool.objects.published().filter(pk=tool.pk).exists()
        services.listing_decide(actor=editor, tool=tool, decision="approve")
    tool.refresh_from_db()
    assert tool.status == Tool.Status.PUBLISHED
    assert tool.last_vetted_on is not None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [rep.email]
    assert "Finder" in mailoutbox[0].subject
    assert AuditEvent.objects.filter(
        action=CatalogueAction.LISTING_APPROVED, actor=editor
    ).exists()


def test_a_revision_changes_the_live_listing_only_on_approval(
    django_capture_on_commit_callbacks,
):
    rep = UserFactory(role=Role.PROVIDER)
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    cap = CapabilityFactory(name="OCR", slug="ocr")
    tool = ToolFactory(name="Finder", provider=ProviderFactory(representatives=[rep]))
    with django_capture_on_commit_callbacks(execute=True):
        revision = services.revision_submit(
            actor=rep,
            tool=tool,
            cleaned=_cleaned(name="Finder 2", capabilities=[cap.slug]),
        )
    tool.refresh_from_db()
    assert tool.name == "Finder"
    diff = services.listing_diff(
        before=services.tool_snapshot(tool=tool), after=revision.proposed
    )
    assert {"field": "name", "before": "Finder", "after": "Finder 2"} in diff
    assert any(
        row["field"] == "capabilities" and row["after"] == ["ocr"] for row in diff
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.revision_decide(actor=editor, revision=revision, decision="approve")
    tool.refresh_from_db()
    assert tool.name == "Finder 2"
    assert list(tool.capabilities.values_list("slug", flat=True)) == ["ocr"]
    revision.refresh_from_db()
    assert revision.status == ListingRevision.Status.APPROVED


def test_a_decided_revision_cannot_be_decided_again():
    rep = UserFactory(role=Role.PROVIDER)
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    tool = ToolFactory(name="Finder", provider=ProviderFactory(representatives=[rep]))
    revision = services.revision_submit(
        actor=rep, tool=tool, cleaned=_cleaned(name="New")
    )
    services.revision_decide(actor=editor, revision=revision, decision="reject")
    with pytest.raises(services.ListingError):
        services.revision_decide(actor=editor, revision=revision, decision="approve")
    tool.refresh_from_db()
    assert tool.name == "Finder"


def test_requesting_changes_needs_a_comment():
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    tool = ToolFactory(status=Tool.Status.SUBMITTED)
    with pytest.raises(services.ListingError):
        services.listing_decide(
            actor=editor, tool=tool, decision="request_changes", comment=" "
        )
    services.listing_decide(
        actor=editor, tool=tool, decision="request_changes", comment="Add sources."
    )
    tool.refresh_from_db()
    assert tool.status == Tool.Status.CHANGES_REQUESTED


def test_review_save_keeps_one_review_per_member_and_updates_the_average():
    member = UserFactory(role=Role.MEMBER)
    other = UserFactory(role=Role.MEMBER)
    tool = ToolFactory()
    review_published(author=member, tool=tool, rating=2, text="Meh")
    services.review_save(author=member, tool=tool, rating=4, text="Better now")
    review_published(author=other, tool=tool, rating=5, text="Great")
    tool.refresh_from_db()
    assert tool.reviews.count() == 2
    assert float(tool.rating_average) == 4.5
    assert tool.rating_count == 2


def test_adoption_counts_are_shown_only_above_the_minimum(settings):
    settings.HUB_CATALOGUE_ADOPTION_MINIMUM = 5
    tool = ToolFactory()
    for _ in range(4):
        services.adoption_set(
            member=UserFactory(role=Role.MEMBER), tool=tool, status="production"
        )
    assert selectors.tool_adoption_buckets(user=UserFactory(), tool=tool)[0] == []
    for _ in range(3):
        services.adoption_set(
            member=UserFactory(role=Role.MEMBER), tool=tool, status="production"
        )
    buckets, _own = selectors.tool_adoption_buckets(user=UserFactory(), tool=tool)
    assert [(b.status, b.shown) for b in buckets] == [
        (Adoption.Status.PRODUCTION, "5+")
    ]


def test_shortlist_adds_count_once_per_shortlist():
    member = UserFactory(role=Role.MEMBER)
    tool = ToolFactory()
    shortlist = services.shortlist_create(owner=member, name="Procurement")
    services.shortlist_tool_add(shortlist=shortlist, tool=tool, note="ask price")
    services.shortlist_tool_add(shortlist=shortlist, tool=tool)
    tool.refresh_from_db()
    assert tool.shortlist_add_count == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)
def test_full_text_search_ranks_a_name_match_above_a_description_match():
    member = UserFactory(role=Role.MEMBER)
    ToolFactory(name="Alpha", description="It can detect grooming in chats.")
    ToolFactory(name="Grooming detector", description="Chat analysis.")
    ToolFactory(name="Unrelated", description="Hashes.")
    browse = selectors.tool_browse(
        user=member,
        selected={},
        query="grooming",
        sort="relevance",
        vocabulary=selectors.facet_vocabulary(),
    )
    assert [t.name for t in browse.tools] == ["Grooming detector", "Alpha"]
