"""The catalogue in a real browser: browse, search, compare, shortlist, review;
a provider's revision approved by an editor; axe on every catalogue page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_no_csp_violations, axe_check, sign_in
from tests.tools_catalog.factories import (
    CapabilityFactory,
    ProviderFactory,
    ToolFactory,
)
from tools_catalog.models import (
    DeploymentMode,
    ListingRevision,
    Review,
    SupportedLanguage,
    Tool,
    ToolClaim,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _catalogue() -> dict[str, Tool]:
    ocr = CapabilityFactory(name="OCR", slug="ocr")
    hashing = CapabilityFactory(name="Hash matching", slug="hash-matching")
    return {
        "finder": ToolFactory(
            name="Scene Finder",
            summary="Reads text in seized images.",
            stages=["media_review"],
            capabilities=[ocr, hashing],
        ),
        "reader": ToolFactory(
            name="Label Reader",
            summary="Reads labels in pictures.",
            stages=["media_review"],
            capabilities=[ocr],
        ),
        "sorter": ToolFactory(
            name="Photo Sorter",
            summary="Sorts photographs by scene.",
            stages=["media_review", "victim_identification"],
            capabilities=[ocr],
        ),
        "other": ToolFactory(
            name="Network Mapper",
            summary="Maps networks of accounts.",
            stages=["offender_identification"],
            capabilities=[hashing],
        ),
    }


def test_a_member_filters_searches_compares_shortlists_and_reviews(
    page: Page, live_server: object
) -> None:
    tools = _catalogue()
    member = UserFactory(role=Role.MEMBER)
    sign_in(page, live_server, member)
    page.goto(f"{live_server}/tools/")
    results = page.locator("#results-title")
    expect(results).to_have_text("4 tools")

    page.locator("summary").get_by_text("Workflow stage", exact=True).click()
    page.get_by_role("checkbox", name=re.compile(r"^Media review")).check()
    page.locator("summary").get_by_text("Capability", exact=True).click()
    page.get_by_role("checkbox", name=re.compile(r"^OCR")).check()
    page.get_by_role("button", name="Show tools").click()
    expect(results).to_have_text("3 tools")
    expect(page).to_have_url(re.compile(r"stage=media_review.*capability=ocr"))

    page.get_by_role("searchbox", name="Search").fill("labels")
    page.get_by_role("button", name="Show tools").click()
    expect(results).to_have_text("1 tool")
    expect(page.locator(".tool-card")).to_contain_text("Label Reader")

    page.goto(f"{live_server}{tools['finder'].get_absolute_url()}")
    page.get_by_role("link", name="Compare with these tools").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare tools")
    headers = page.locator("table.compare thead th")
    expect(headers).to_have_count(3)
    for name in ("Scene Finder", "Label Reader", "Photo Sorter"):
        expect(headers.filter(has_text=name)).to_have_count(1)

    page.goto(f"{live_server}{tools['finder'].get_absolute_url()}")
    page.get_by_label("Or a new shortlist").fill("Procurement 2026")
    page.locator("#shortlist-title ~ form").get_by_label("Note").fill("Ask for a demo")
    page.get_by_role("button", name="Add to shortlist").click()
    expect(page.get_by_text("is on your shortlist Procurement 2026")).to_be_visible()
    page.goto(f"{live_server}/tools/shortlists/")
    page.get_by_role("link", name=re.compile("Procurement 2026")).click()
    expect(page.get_by_text("Ask for a demo")).to_be_visible()

    page.goto(f"{live_server}{tools['finder'].get_absolute_url()}")
    # No rating is chosen for the member: the browser asks for one (the
    # server says "Choose a rating from 1 to 5 stars." without it) and the
    # text stays.
    review_box = page.get_by_label(re.compile(r"^Review:?$"))
    review_box.fill("Fast on <b>large</b> seizures.")
    page.get_by_role("button", name="Save review").click()
    first_star = page.get_by_role("radio", name="1 star")
    expect(first_star).not_to_be_checked()
    assert first_star.evaluate("e => e.validity.valueMissing")
    expect(review_box).to_have_value("Fast on <b>large</b> seizures.")
    assert not Review.objects.filter(author=member).exists()
    page.get_by_role("radio", name="4 stars").check()
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Your review is saved.")).to_be_visible()
    expect(page.locator("article.review")).to_contain_text("Fast on <b>large</b>")
    expect(page.locator("article.review")).to_contain_text("Waiting for a moderator")
    review = Review.objects.get(tool=tools["finder"], author=member)
    assert review.rating == 4
    assert review.pending


def test_a_provider_revision_goes_live_only_when_an_editor_approves(
    page: Page, live_server: object
) -> None:
    provider_user = UserFactory(role=Role.PROVIDER)
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    tool = ToolFactory(
        name="Scene Finder",
        description="Reads text in seized images.",
        provider=ProviderFactory(representatives=[provider_user]),
    )

    sign_in(page, live_server, provider_user)
    page.goto(f"{live_server}/provider/")
    page.get_by_role("link", name="Scene Finder").click()
    page.get_by_label("Description").fill("Reads text and faces in seized images.")
    page.get_by_role("button", name="Send changes for review").click()
    expect(page.get_by_text("Your changes were sent to the editors.")).to_be_visible()
    tool.refresh_from_db()
    assert tool.description == "Reads text in seized images."

    page.context.clear_cookies()
    sign_in(page, live_server, editor)
    page.goto(f"{live_server}{tool.get_absolute_url()}")
    expect(page.get_by_text("Reads text in seized images.")).to_be_visible()
    page.goto(f"{live_server}/staff/listings/")
    page.get_by_role("link", name="Scene Finder").click()
    expect(page.locator("table.diff")).to_contain_text("Reads text and faces")
    page.get_by_role("radio", name="Approve").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()

    page.goto(f"{live_server}{tool.get_absolute_url()}")
    expect(page.get_by_text("Reads text and faces in seized images.")).to_be_visible()
    revision = ListingRevision.objects.get(tool=tool)
    assert revision.status == ListingRevision.Status.APPROVED


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_catalogue_pages_have_no_axe_violations(
    page: Page, live_server: object, prefix: str
) -> None:
    tools = _catalogue()
    member = UserFactory(role=Role.MEMBER)
    Review.objects.create(
        tool=tools["finder"], author=member, rating=5, text="Good", show_name=True
    )
    # A member's first review, waiting for a moderator (queue, tool page).
    Review.objects.create(
        tool=tools["finder"],
        author=UserFactory(role=Role.MEMBER),
        rating=2,
        text="First words",
        pending=True,
    )
    provider_user = UserFactory(role=Role.PROVIDER)
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    # Claims with their evidence: one verification valid, one expired.
    finder = tools["finder"]
    finder.deployments.add(DeploymentMode.objects.get(slug="on-premise"))
    finder.languages.add(SupportedLanguage.objects.get(slug="en"))
    ToolClaim.objects.create(
        tool=finder,
        kind=ToolClaim.Kind.ON_PREMISE,
        provenance=ToolClaim.Provenance.STAFF_VERIFIED,
        evidence_url="https://example.org/deployment.pdf",
        evidence_title="Deployment guide",
        evidence_date=datetime.date(2025, 3, 14),
        verified_by=editor,
    )
    ToolClaim.objects.create(
        tool=finder,
        kind=ToolClaim.Kind.DPIA,
        value="yes",
        provenance=ToolClaim.Provenance.STAFF_VERIFIED,
        evidence_url="https://example.org/dpia.pdf",
        verified_by=editor,
        dated=timezone.localdate() - datetime.timedelta(days=800),
    )
    own = ToolFactory(
        name="Own Tool",
        provider=ProviderFactory(representatives=[provider_user]),
        stages=["triage_prioritisation"],
    )
    draft = ToolFactory(
        name="Draft Tool",
        provider=own.provider,
        status=Tool.Status.SUBMITTED,
    )
    revision = ListingRevision.objects.create(
        tool=own,
        proposed={"name": "Own Tool", "summary": "Changed summary"},
        created_by=provider_user,
    )
    # A new listing sent back with a comment, and a revision already decided.
    sent_back = ToolFactory(name="Sent Back", provider=own.provider)
    ListingRevision.objects.create(
        tool=sent_back,
        proposed={"name": "Sent Back", "maturity": "pilot"},
        status=ListingRevision.Status.CHANGES_REQUESTED,
        created_by=provider_user,
        decided_by=editor,
        decided_at=timezone.now(),
        editor_comment="Say which languages it supports.",
    )
    decided = ListingRevision.objects.create(
        tool=own,
        proposed={"name": "Own Tool", "maturity": "pilot"},
        status=ListingRevision.Status.APPROVED,
        created_by=provider_user,
        decided_by=editor,
        decided_at=timezone.now(),
    )
    slugs = ",".join(tools[k].slug for k in ("finder", "reader", "sorter"))

    def check(paths: list[str]) -> None:
        for path in paths:
            response = page.goto(f"{live_server}{prefix}{path}")
            assert response is not None, path
            assert response.ok, path
            axe_check(page)
            assert_no_csp_violations(page)

    sign_in(page, live_server, editor)
    check(
        [
            "/tools/",
            "/tools/?stage=media_review&capability=ocr&q=reads",
            "/tools/?q=nothing-matches-this",
            tools["finder"].get_absolute_url(),
            f"/tools/compare/?tools={slugs}",
            "/tools/shortlists/",
            "/staff/listings/",
            f"/staff/listings/tool/{draft.pk}/",
            f"/staff/listings/revision/{revision.pk}/",
            f"/staff/listings/revision/{decided.pk}/",
            "/staff/tool-reviews/",
        ]
    )
    page.context.clear_cookies()
    sign_in(page, live_server, provider_user)
    check(
        [
            "/provider/",
            f"/provider/tools/{own.pk}/",  # changes in review: read-only
            f"/provider/tools/{draft.pk}/",  # a submitted new listing: read-only
            f"/provider/tools/{sent_back.pk}/",  # changes requested, with comment
            "/provider/tools/new/",
        ]
    )
    page.context.clear_cookies()
    sign_in(page, live_server, UserFactory(role=Role.MEMBER))
    check([tools["finder"].get_absolute_url()])  # the review form, no rating chosen
