import csv
import io
import re

import pytest
from django.db import IntegrityError
from django.urls import reverse

from accounts.roles import Role
from learning_centre.models import Stage
from tests.accounts.factories import UserFactory
from tests.tools_catalog.factories import (
    CapabilityFactory,
    ProviderFactory,
    ToolFactory,
    review_published,
)
from tools_catalog import services
from tools_catalog.models import (
    Capability,
    DataType,
    DeploymentMode,
    ListingRevision,
    Tool,
)

pytestmark = pytest.mark.django_db
LIST = "tools_catalog:tool-list"


def _options(response, facet):
    """A facet's options as shown, value -> label with its count (an option no
    tool matches is left out unless it is ticked). The term is in <bdi>."""
    for field in response.context["facets"]:
        if field.name == facet:
            return {
                c.value: re.sub(r"</?bdi>", "", c.text)
                for _group, cs in field.groups
                for c in cs
            }
    raise AssertionError(f"no facet {facet}")


def test_facet_counts_follow_the_other_active_filters(member_client):
    ocr = CapabilityFactory(name="OCR", slug="ocr")
    hashing = CapabilityFactory(name="Hashing", slug="hashing")
    ToolFactory(stages=["media_review"], capabilities=[ocr], cost_model="free")
    ToolFactory(
        stages=["media_review"], capabilities=[hashing], cost_model="commercial"
    )
    ToolFactory(stages=["victim_identification"], capabilities=[ocr], cost_model="free")
    response = member_client.get(
        reverse(LIST), {"stage": "media_review", "cost": "free"}
    )
    assert response.context["page_obj"].paginator.count == 1
    # Capability counts: under stage=media_review AND cost=free.
    assert _options(response, "capability")["ocr"] == "OCR (1)"
    assert "hashing" not in _options(response, "capability")  # none: left out
    # A facet counts without its own filter: both costs within media_review.
    assert _options(response, "cost")["commercial"].endswith("(1)")
    assert _options(response, "cost")["free"].endswith("(1)")
    # Stage counts under cost=free only.
    assert _options(response, "stage")["victim_identification"].endswith("(1)")
    combined = member_client.get(
        reverse(LIST),
        {"stage": ["media_review", "victim_identification"], "capability": "ocr"},
    )
    assert combined.context["page_obj"].paginator.count == 2


def test_browse_stays_within_the_query_budget_for_any_page_size(
    member_client, django_assert_max_num_queries, settings
):
    ocr = CapabilityFactory(name="OCR", slug="ocr")
    for _ in range(30):
        ToolFactory(stages=["media_review"], capabilities=[ocr])
    # The first request after a catalogue change also reads the version, the
    # vocabulary and the index (one query each, then shared by every request):
    # six with the production's cached sessions, one more with database ones.
    session_queries = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    for size in (5, 30):
        settings.HUB_CATALOGUE_PAGE_SIZE = size
        with django_assert_max_num_queries(6 + session_queries):
            response = member_client.get(
                reverse(LIST),
                {"stage": "media_review", "capability": "ocr", "q": "tool"},
            )
        assert len(response.context["page_obj"]) == size


UNCACHED_BROWSES = [
    {},
    {"q": "finder"},
    {"sort": "rating", "page": "2"},
    {"stage": "media_review", "capability": "ocr", "q": "finder", "sort": "vetted"},
    {
        "data_type": "images",
        "deployment": "on-premise",
        "data_leaves": ["no", "not_disclosed"],
        "cost": "free",
        "language": "not_disclosed",
        "country": "not_disclosed",
        "maturity": ["pilot", "production"],
        "q": "finder tool",
        "sort": "relevance",
    },
    {"stage": "nope", "q": "x" * 300},  # errors: rendered afresh, never cached
]


@pytest.mark.parametrize("params", UNCACHED_BROWSES)
def test_an_uncached_browse_request_costs_at_most_six_queries(
    member_client, django_assert_max_num_queries, settings, params
):
    """Whatever the filters, search, sort and page: the sign-in (session, user),
    the search, the page of cards; the catalogue's version, vocabulary and
    index are read once per catalogue change (the first request below)."""
    settings.HUB_CATALOGUE_PAGE_SIZE = 2
    ocr = CapabilityFactory(name="OCR", slug="ocr")
    for n in range(7):
        ToolFactory(name=f"Finder {n}", stages=["media_review"], capabilities=[ocr])
    member_client.get(reverse(LIST), {"q": "warm"})  # the first after a change
    with django_assert_max_num_queries(6):
        response = member_client.get(reverse(LIST), params)
    assert response.status_code == 200
    assert "page_obj" in response.context  # rendered, not read from the cache


def test_search_highlights_matches_and_escapes_html(member_client):
    ToolFactory(name="<b>Finder</b> Pro", summary="Finds <script>x</script> things")
    response = member_client.get(reverse(LIST), {"q": "finder"})
    html = response.content.decode()
    assert "&lt;b&gt;<mark>Finder</mark>&lt;/b&gt; Pro" in html
    assert "<script>x</script>" not in html


def test_a_10000_character_search_gets_a_message_not_an_error(member_client):
    ToolFactory()
    response = member_client.get(reverse(LIST), {"q": "x" * 10000})
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()


def test_sql_in_the_search_is_just_text(member_client):
    ToolFactory(name="Finder")
    response = member_client.get(
        reverse(LIST), {"q": "'; DROP TABLE tools_catalog_tool; --"}
    )
    assert response.status_code == 200
    assert Tool.objects.count() == 1


def test_unknown_filter_values_get_a_message(member_client):
    ToolFactory()
    response = member_client.get(reverse(LIST), {"stage": "nope", "cost": "gold"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    # Invalid facets are ignored rather than emptying the results.
    assert response.context["page_obj"].paginator.count == 1


def test_the_empty_state_suggests_removing_a_filter(member_client):
    ToolFactory(cost_model="free")
    response = member_client.get(reverse(LIST), {"cost": "commercial"})
    assert "Try removing a filter" in response.content.decode()


def test_htmx_requests_get_only_the_results(member_client):
    ToolFactory(name="Finder")
    response = member_client.get(reverse(LIST), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="tool-results"' in html
    assert "<h1>" not in html


def test_sorting_by_rating_puts_the_best_rated_first(member_client):
    ToolFactory(name="Low", rating_average=2, rating_count=1)
    ToolFactory(name="High", rating_average=5, rating_count=1)
    ToolFactory(name="Unrated")
    response = member_client.get(reverse(LIST), {"sort": "rating"})
    assert [t.name for t in response.context["page_obj"]] == ["High", "Low", "Unrated"]


def test_tool_page_shows_not_disclosed_and_stays_within_budget(
    member_client, django_assert_max_num_queries
):
    ocr = CapabilityFactory(name="OCR", slug="ocr")
    tool = ToolFactory(
        stages=["media_review"], capabilities=[ocr], data_leaves_premises="no"
    )
    ToolFactory(name="Sibling", stages=["media_review"], capabilities=[ocr])
    with django_assert_max_num_queries(15):
        response = member_client.get(tool.get_absolute_url())
    html = response.content.decode()
    assert "Not disclosed" in html
    assert "Sibling" in html  # related: same stage and capability
    assert "OCR" in html
    tool.refresh_from_db()
    assert tool.view_count == 1


def test_unpublished_tools_are_404_for_members(member_client):
    tool = ToolFactory(status=Tool.Status.DRAFT)
    assert member_client.get(tool.get_absolute_url()).status_code == 404


def test_compare_shows_every_attribute_and_highlights_differences(
    member_client, django_assert_max_num_queries
):
    a = ToolFactory(cost_model="free")
    b = ToolFactory(cost_model="commercial")
    c = ToolFactory(cost_model="free")
    url = (
        reverse("tools_catalog:tool-compare")
        + f"?tools={a.slug},{b.slug}&tools={c.slug}"
    )
    with django_assert_max_num_queries(15):
        response = member_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="differs"' in html
    assert "(differs)" in html
    assert "not-disclosed" in html
    a.refresh_from_db()
    assert a.compare_count == 1


@pytest.mark.parametrize("count", [1, 5])
def test_comparing_too_few_or_too_many_tools_is_a_400(member_client, count):
    tools = [ToolFactory() for _ in range(count)]
    url = (
        reverse("tools_catalog:tool-compare")
        + "?tools="
        + ",".join(t.slug for t in tools)
    )
    response = member_client.get(url)
    assert response.status_code == 400
    assert "between 2 and 4" in response.content.decode()


def test_comparing_an_unpublished_tool_is_a_400(member_client):
    a = ToolFactory()
    draft = ToolFactory(status=Tool.Status.DRAFT)
    url = reverse("tools_catalog:tool-compare") + f"?tools={a.slug},{draft.slug}"
    response = member_client.get(url)
    assert response.status_code == 400
    assert draft.name not in response.content.decode()


def test_compare_csv_has_a_row_per_attribute_and_a_column_per_tool(member_client):
    a = ToolFactory(name="Alpha", cost_model="free")
    b = ToolFactory(name="=Bravo", cost_model="not_disclosed")
    url = reverse("tools_catalog:tool-compare") + f"?tools={a.slug},{b.slug}&format=csv"
    response = member_client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Group", "Attribute", "Alpha", "'=Bravo"]
    cost = next(r for r in rows if r[1] == "Cost for law enforcement")
    assert cost[2:] == ["Free for law enforcement", "Not disclosed"]


def test_shortlist_export_contains_the_notes(client):
    member = UserFactory(role=Role.MEMBER)
    client.force_login(member)
    tool = ToolFactory(name="Finder")
    client.post(
        reverse("tools_catalog:tool-shortlist", args=[tool.slug]),
        {"new_name": "Procurement 2026", "note": "Ask for a trial"},
    )
    shortlist = member.tool_shortlists.get()
    response = client.get(
        reverse("tools_catalog:shortlist-detail", args=[shortlist.pk]) + "?format=csv"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == "Finder"
    assert rows[1][3] == "Ask for a trial"


def test_a_new_shortlist_is_not_left_behind_when_adding_the_tool_fails(
    client, monkeypatch
):
    """Creating the shortlist and putting the tool on it is one write: if the
    second part fails, no empty shortlist is left behind."""
    member = UserFactory(role=Role.MEMBER)
    client.force_login(member)
    tool = ToolFactory(name="Finder")

    def failing_add(**kwargs):
        raise IntegrityError("simulated failure")

    monkeypatch.setattr(
        "tools_catalog.services.members.shortlist_tool_add", failing_add
    )
    with pytest.raises(IntegrityError):
        client.post(
            reverse("tools_catalog:tool-shortlist", args=[tool.slug]),
            {"new_name": "Procurement 2026", "note": ""},
        )
    assert not member.tool_shortlists.exists()


def test_another_members_shortlist_is_404(client):
    owner = UserFactory(role=Role.MEMBER)
    shortlist = owner.tool_shortlists.create(name="Mine")
    client.force_login(UserFactory(role=Role.MEMBER))
    url = reverse("tools_catalog:shortlist-detail", args=[shortlist.pk])
    assert client.get(url).status_code == 404


def test_a_review_form_error_keeps_what_was_typed(member_client):
    tool = ToolFactory()
    response = member_client.post(
        reverse("tools_catalog:tool-review", args=[tool.slug]),
        {"rating": "9", "text": "My words"},
    )
    assert response.status_code == 400
    assert "My words" in response.content.decode()


def test_providers_see_review_text_but_never_who(client):
    rep = UserFactory(role=Role.PROVIDER)
    tool = ToolFactory(provider=ProviderFactory(representatives=[rep]))
    author = UserFactory(role=Role.MEMBER, full_name="Secret Officer")
    tool.reviews.create(author=author, rating=4, text="Solid tool", show_name=True)
    client.force_login(rep)
    html = client.get(reverse("tools_catalog:provider-portal")).content.decode()
    assert "Solid tool" in html
    assert "Secret Officer" not in html
    assert author.email not in html


def test_a_provider_cannot_open_or_submit_another_providers_listing(client):
    rep = UserFactory(role=Role.PROVIDER)
    ProviderFactory(representatives=[rep])
    theirs = ToolFactory(status=Tool.Status.DRAFT)
    client.force_login(rep)
    edit = reverse("tools_catalog:provider-tool-edit", args=[theirs.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"name": "Hijack"}).status_code == 404
    submit = reverse("tools_catalog:provider-tool-submit", args=[theirs.pk])
    assert client.post(submit).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Tool.Status.DRAFT
    assert theirs.name != "Hijack"


def test_a_provider_revision_is_approved_by_an_editor_through_the_pages(
    client, django_capture_on_commit_callbacks
):
    rep = UserFactory(role=Role.PROVIDER)
    tool = ToolFactory(name="Finder", provider=ProviderFactory(representatives=[rep]))
    client.force_login(rep)
    data = {
        "name": "Finder Plus",
        "summary": tool.summary,
        "description": tool.description,
        "data_leaves_premises": "no",
        "cost_model": "not_disclosed",
        "maturity": "not_disclosed",
    }
    response = client.post(
        reverse("tools_catalog:provider-tool-edit", args=[tool.pk]), data
    )
    assert response.status_code == 302
    tool.refresh_from_db()
    assert tool.name == "Finder"
    revision = ListingRevision.objects.get(tool=tool)
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    client.force_login(editor)
    url = reverse("tools_catalog:listing-review", args=["revision", revision.pk])
    page = client.get(url).content.decode()
    assert "Finder Plus" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302
    tool.refresh_from_db()
    assert tool.name == "Finder Plus"
    assert tool.data_leaves_premises == "no"


def test_the_result_count_matches_the_results_under_every_single_valued_filter(
    member_client,
):
    ToolFactory(maturity="production", cost_model="free", data_leaves_premises="no")
    ToolFactory(maturity="production", cost_model="free", data_leaves_premises="yes")
    ToolFactory(maturity="pilot", cost_model="free", data_leaves_premises="no")
    ToolFactory(maturity="production", cost_model="commercial")
    cases = [
        ({}, 4),
        ({"maturity": "production"}, 3),
        ({"maturity": "production", "cost": "free"}, 2),
        ({"maturity": "production", "cost": "free", "data_leaves": "no"}, 1),
        ({"maturity": ["production", "pilot"], "cost": "free", "data_leaves": "no"}, 2),
    ]
    for params, expected in cases:
        response = member_client.get(reverse(LIST), params)
        page = response.context["page_obj"]
        assert page.paginator.count == expected, params
        assert len(page.object_list) == expected, params


# --- The browse page's caches follow every change they show ------------------


def test_browse_shows_a_new_rating_a_provider_rename_and_an_approval_at_once(
    member_client,
):
    tool = ToolFactory(name="Finder", provider__name="Acme Forensics")
    pending = ToolFactory(name="Pending", status=Tool.Status.SUBMITTED)
    first = member_client.get(reverse(LIST)).content.decode()
    assert "No reviews yet" in first
    assert "Acme Forensics" in first
    assert "Pending" not in first

    review_published(tool=tool, rating=4, text="Useful.")
    tool.provider.name = "Acme Labs"
    tool.provider.save()
    services.listing_decide(
        actor=UserFactory(role=Role.CATALOGUE_EDITOR),
        tool=pending,
        decision="approve",
    )

    again = member_client.get(reverse(LIST))
    html = again.content.decode()
    assert "4.0 out of 5 (1 review)" in html
    assert "Acme Labs" in html
    assert "Acme Forensics" not in html
    assert "Pending" in html
    assert again.context["page_obj"].paginator.count == 2


def test_browse_never_caches_a_filter_error(member_client):
    ToolFactory()
    for _ in range(2):
        html = member_client.get(reverse(LIST), {"cost": "gold"}).content.decode()
        assert "Select a valid choice" in html
    plain = member_client.get(reverse(LIST)).content.decode()
    assert "Select a valid choice" not in plain


def test_browse_pages_are_cached_per_language(member_client):
    ToolFactory(cost_model="free")
    english = member_client.get(reverse(LIST)).content.decode()
    french = member_client.get("/fr" + reverse(LIST)).content.decode()
    assert "Workflow stage" in english
    assert "Workflow stage" not in french


# --- The cached browse page ----------------------------------------------------


def _main(response) -> str:
    """The page's <main> without the compare tray: the part cached for everyone
    (the header and the member's own tray have a fresh CSRF token and the head
    a fresh CSP nonce on every response)."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    tray = main.index('<aside class="compare-tray')
    return main[:tray] + main[main.index("</aside>", tray) :]


def test_a_repeated_browse_costs_only_the_sign_in_queries(
    member_client, django_assert_num_queries, settings
):
    ToolFactory(name="Finder", stages=["media_review"])
    params = {"stage": "media_review", "q": "finder"}
    first = member_client.get(reverse(LIST), params)
    session_queries = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    with django_assert_num_queries(session_queries + 1):  # + the user and roles
        again = member_client.get(reverse(LIST), params)
    assert _main(again) == _main(first)
    assert "<mark>Finder</mark>" in _main(again)


def test_a_saved_tool_shows_at_once(member_client):
    tool = ToolFactory(name="Finder")
    assert "Finder" in _main(member_client.get(reverse(LIST)))
    tool.name = "Seeker"
    tool.save()
    assert "Seeker" in _main(member_client.get(reverse(LIST)))


def test_a_new_capability_on_a_tool_shows_at_once_in_the_counts(member_client):
    ocr = CapabilityFactory(name="OCR", slug="ocr")
    tool = ToolFactory()
    assert "ocr" not in _options(member_client.get(reverse(LIST)), "capability")
    tool.capabilities.add(ocr)  # an M2M change alone, no save of the tool
    assert _options(member_client.get(reverse(LIST)), "capability")["ocr"] == "OCR (1)"


def test_a_new_review_shows_its_rating_at_once(member_client, member):
    tool = ToolFactory(name="Finder")
    assert "No reviews yet" in _main(member_client.get(reverse(LIST)))
    review_published(author=member, tool=tool, rating=4, text="Useful.")
    assert "4.0 out of 5 (1 review)" in _main(member_client.get(reverse(LIST)))


def test_a_renamed_provider_shows_at_once(member_client):
    tool = ToolFactory()
    tool.provider.name = "Renamed Labs"
    member_client.get(reverse(LIST))
    tool.provider.save()
    assert "Renamed Labs" in _main(member_client.get(reverse(LIST)))


def test_an_archived_tool_leaves_the_cached_page_at_once(member_client):
    tool = ToolFactory(name="Finder")
    assert "Finder" in _main(member_client.get(reverse(LIST)))
    representative = UserFactory(role=Role.PROVIDER)
    services.tool_archive(actor=representative, tool=tool)
    assert "Finder" not in _main(member_client.get(reverse(LIST)))


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_a_browse_page_of_20_results_stays_lean(member_client, settings, prefix):
    """Twenty cards and every facet in use, as at scale: the page stays under
    40 KB in English (Arabic takes two bytes a letter: under 45 KB; 43.6 KB
    measured, 35.4 KB in English)."""
    settings.HUB_CATALOGUE_PAGE_SIZE = 20
    stages = list(Stage.objects.values_list("key", flat=True))
    capabilities = list(Capability.objects.all())
    data_types = list(DataType.objects.all())
    deployments = list(DeploymentMode.objects.all())
    countries = ["NL", "DE", "FR", "GB", "US", "ES", "SE", "CA"]
    for n in range(25):
        tool = ToolFactory(
            name=f"Kestrel Harbor {n}",
            summary="Video evidence images objects.",
            provider__name=f"Fable Summit Labs {n}",
            provider__country=countries[n % len(countries)],
            stages=stages[n % 8 : n % 8 + 2],
            capabilities=capabilities[n % 15 : n % 15 + 3],
            rating_average=3.5,
            rating_count=10,
        )
        tool.data_types.set(data_types[n % 4 : n % 4 + 2])
        tool.deployments.set(deployments[n % 3 : n % 3 + 2])
    response = member_client.get(prefix + reverse(LIST))
    assert len(response.context["page_obj"]) == 20
    limit = 40_000 if not prefix else 45_000
    assert len(response.content) <= limit, len(response.content)
