"""Result cards, and comparing from anywhere: the compare tray (kept in the
member's session, outside the browse page's shared cache) and "compare these"
from a shortlist. Bad input gets a clear message, never a 500, nothing lost."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.tools_catalog.factories import CapabilityFactory, ToolFactory
from tools_catalog import cache as catalogue_cache
from tools_catalog import conf, selectors, services, tray
from tools_catalog.models import DeploymentMode, Shortlist, ShortlistItem, Tool

pytestmark = pytest.mark.django_db
LIST = reverse("tools_catalog:tool-list")
TRAY = reverse("tools_catalog:compare-tray")
COMPARE = reverse("tools_catalog:tool-compare")


def _tray_section(html: str) -> str:
    start = html.index('<aside class="compare-tray')
    return html[start : html.index("</aside>", start)]


def _tray_ids(client: Client) -> list[int]:
    return client.session.get(tray.SESSION_KEY, [])


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def _add(client: Client, *tools: Tool, next_url: str = LIST, **extra):
    return client.post(
        TRAY,
        {"tools": [t.pk for t in tools], "command": "add", "next": next_url},
        **extra,
    )


# --- Cards ---------------------------------------------------------------------


def test_a_card_answers_the_first_questions(member_client):
    on_premise, _ = DeploymentMode.objects.get_or_create(
        slug="on-premise", defaults={"name": "On-premise"}
    )
    tool = ToolFactory(
        name="Scene Finder",
        stages=["media_review", "victim_identification"],
        cost_model="free",
        data_leaves_premises="no",
        maturity="production",
        rating_average=4,
        rating_count=1,
        last_vetted_on=timezone.localdate() - timedelta(days=10),
    )
    tool.deployments.add(on_premise)
    html = member_client.get(LIST).content.decode()
    card = html[html.index('<article class="tool-card">') :]
    card = card[: card.index("</article>")]
    assert "<li>Media review" in card
    assert "<li>Victim identification</li>" in card
    assert "<dt>Deployment</dt><dd>On-premise</dd>" in card
    assert "<dd>Free for law enforcement</dd>" in card
    assert "<dt>Data leaves the premises</dt><dd>No</dd>" in card
    assert "<dd>Production</dd>" in card
    assert "4.0 out of 5 (1 review)" in card
    assert "Vetted " in card
    assert 'form="compare-tray"' in card


def test_a_card_says_not_disclosed_plural_reviews_and_vetting_states(member_client):
    ToolFactory(name="Alpha", rating_average=3.5, rating_count=3)
    lapsed = timedelta(days=conf.verification_valid_days() + 1)
    ToolFactory(name="Bravo", last_vetted_on=timezone.localdate() - lapsed)
    html = member_client.get(LIST).content.decode()
    assert "3.5 out of 5 (3 reviews)" in html
    assert '<dd class="not-disclosed">Not disclosed</dd>' in html
    assert "Vetting expired" in html
    assert "Not vetted yet" in html


def test_ratings_on_cards_are_written_as_the_language_writes_them(member_client):
    ToolFactory(name="Alpha", rating_average=4.5, rating_count=3)
    ToolFactory(name="Bravo", rating_average=4, rating_count=1)
    french = member_client.get("/fr" + LIST).content.decode()
    assert "4,5 sur 5 (3 avis)" in french
    assert "4,0 sur 5 (1 avis)" in french
    russian = member_client.get("/ru" + LIST).content.decode()
    assert "4,5 из 5 (3 отзыва)" in russian


def test_browse_with_a_full_tray_stays_within_the_query_budget(
    member_client, django_assert_max_num_queries, settings
):
    ocr = CapabilityFactory(name="OCR", slug="ocr")
    tools = [
        ToolFactory(stages=["media_review"], capabilities=[ocr]) for _ in range(30)
    ]
    for tool in tools:
        tool.deployments.add(
            DeploymentMode.objects.get_or_create(name="Cloud", slug="cloud")[0]
        )
    _add(member_client, *tools[:4])
    settings.HUB_CATALOGUE_PAGE_SIZE = 30
    with django_assert_max_num_queries(15):
        response = member_client.get(
            LIST, {"stage": "media_review", "capability": "ocr", "q": "tool"}
        )
    assert len(response.context["page_obj"]) == 30
    assert _tray_section(response.content.decode()).count("data-compare-remove") == 4


# --- The tray follows the member -----------------------------------------------


def test_ticked_tools_go_into_the_tray_and_follow_the_member(member_client):
    a, b, c = ToolFactory(name="Alpha"), ToolFactory(name="Bravo"), ToolFactory()
    response = _add(member_client, a, b, next_url=LIST + "?q=alp")
    assert response.status_code == 302
    assert response["Location"] == LIST + "?q=alp"
    assert _tray_ids(member_client) == [a.pk, b.pk]
    page = member_client.get(response["Location"])
    assert "2 tools added to your compare tray." in _messages(page)
    section = _tray_section(page.content.decode())
    assert "Alpha" in section
    assert "Bravo" in section

    # The tool page shows the tray too, and its box ticked when it is in it.
    html = member_client.get(a.get_absolute_url()).content.decode()
    assert "Bravo" in _tray_section(html)
    box = re.search(rf'<input type="checkbox" name="tools" value="{a.pk}"[^>]*>', html)
    assert box
    assert "checked" in box.group(0)
    other = member_client.get(c.get_absolute_url()).content.decode()
    box = re.search(rf'<input type="checkbox" name="tools" value="{c.pk}"[^>]*>', other)
    assert box
    assert "checked" not in box.group(0)

    # Adding again changes nothing; removing and emptying work.
    _add(member_client, a)
    assert _tray_ids(member_client) == [a.pk, b.pk]
    member_client.post(TRAY, {"drop": a.pk, "next": LIST})
    assert _tray_ids(member_client) == [b.pk]
    member_client.post(TRAY, {"command": "clear", "next": LIST})
    assert _tray_ids(member_client) == []


def test_comparing_two_to_four_from_the_tray_opens_the_comparison(member_client):
    tools = [ToolFactory() for _ in range(3)]
    _add(member_client, tools[0])
    # Ticked boxes go along with "Compare selected".
    response = member_client.post(
        TRAY,
        {"tools": [t.pk for t in tools[1:]], "command": "compare", "next": LIST},
    )
    assert response.status_code == 302
    assert response["Location"] == COMPARE + "?tools=" + ",".join(t.slug for t in tools)
    page = member_client.get(response["Location"])
    assert page.status_code == 200
    assert "data-print hidden" in page.content.decode()  # the Print button


@pytest.mark.parametrize(
    ("count", "message"),
    [
        (0, "Nothing to compare yet"),
        (1, "Add at least one more tool"),
        (5, "You picked 5 tools; at most 4 can be compared side by side."),
    ],
)
def test_comparing_0_1_or_5_from_the_tray_says_why_and_loses_nothing(
    member_client, count, message
):
    tools = [ToolFactory() for _ in range(count)]
    if tools:
        _add(member_client, *tools)
    response = member_client.post(
        TRAY, {"command": "compare", "next": LIST + "?page=1"}
    )
    assert response.status_code == 302
    assert response["Location"] == LIST + "?page=1"
    page = member_client.get(response["Location"])
    assert any(message in m for m in _messages(page))
    assert _tray_ids(member_client) == [t.pk for t in tools]


def test_a_tool_withdrawn_meanwhile_leaves_the_tray_with_a_message(member_client):
    kept = ToolFactory(name="Kept")
    archived = ToolFactory(name="Archived Tool")
    sent_back = ToolFactory(name="Sent Back")
    _add(member_client, kept, archived, sent_back)
    services.tool_archive(actor=UserFactory(role=Role.PROVIDER), tool=archived)
    Tool.objects.filter(pk=sent_back.pk).update(status=Tool.Status.DRAFT)

    # Straight to "Compare selected": the two are dropped, one is too few.
    response = member_client.post(TRAY, {"command": "compare", "next": LIST})
    assert response.status_code == 302
    page = member_client.get(response["Location"])
    shown = " ".join(_messages(page))
    assert "Archived Tool is no longer in the catalogue" in shown
    assert "Sent Back is no longer in the catalogue" in shown
    assert "Add at least one more tool" in shown
    assert _tray_ids(member_client) == [kept.pk]
    section = _tray_section(page.content.decode())
    assert "Kept" in section
    assert "Archived Tool" not in section


def test_a_withdrawn_tool_is_dropped_when_any_page_shows_the_tray(member_client):
    kept, gone = ToolFactory(), ToolFactory(name="Gone Tool")
    _add(member_client, kept, gone)
    gone.delete()
    for url in (LIST, kept.get_absolute_url()):
        response = member_client.get(url)
        assert response.status_code == 200
    assert _tray_ids(member_client) == [kept.pk]


def test_the_tray_holds_a_bounded_number_of_tools(member_client):
    tools = [ToolFactory() for _ in range(tray.TRAY_MAX + 2)]
    _add(member_client, *tools[:3])
    response = _add(member_client, *tools[3:])
    page = member_client.get(response["Location"])
    assert any("holds 10 tools at most" in m for m in _messages(page))
    assert _tray_ids(member_client) == [t.pk for t in tools[: tray.TRAY_MAX]]


@pytest.mark.parametrize(
    "data",
    [
        {"tools": ["abc"], "command": "add"},
        {"tools": ["-1", "0"], "command": "add"},
        {"drop": "x"},
        {"command": "bogus"},
        {"tools": [str(n) for n in range(1, 900)], "command": "add"},
        {"tools": ["999999"], "command": "compare"},
        {},
    ],
)
def test_bad_tray_input_gets_a_message_never_an_error(member_client, data):
    kept = ToolFactory()
    _add(member_client, kept)
    response = member_client.post(TRAY, {**data, "next": LIST})
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert kept.pk in _tray_ids(member_client)
    assert len(_tray_ids(member_client)) <= tray.TRAY_MAX
    page = member_client.get(LIST)
    assert page.status_code == 200
    assert _messages(page)


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/tools/", "javascript:x"]
)
def test_the_tray_never_sends_the_member_off_site(member_client, next_url):
    response = member_client.post(TRAY, {"command": "add", "next": next_url})
    assert response["Location"] == LIST


def test_with_htmx_only_the_tray_is_swapped(member_client):
    a, b = ToolFactory(name="Alpha"), ToolFactory(name="Bravo")
    response = _add(member_client, a, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="compare-tray"')
    assert "Alpha" in html
    assert "csrfmiddlewaretoken" in html
    status = re.search(
        r'<p data-hx-swap-oob="innerHTML:#compare-tray-status">(.*?)</p>', html
    )
    assert status
    assert "1 tool added to your compare tray." in status.group(1)
    assert "<h1>" not in html

    too_few = member_client.post(
        TRAY, {"command": "compare", "next": LIST}, headers={"HX-Request": "true"}
    )
    assert "Add at least one more tool" in too_few.content.decode()
    ok = member_client.post(
        TRAY,
        {"tools": [b.pk], "command": "compare", "next": LIST},
        headers={"HX-Request": "true"},
    )
    assert ok.status_code == 200
    assert ok["HX-Redirect"] == f"{COMPARE}?tools={a.slug},{b.slug}"


# --- The shared cache never carries anyone's tray ------------------------------


def test_another_member_never_sees_a_tray_or_csrf_token_through_the_cache():
    ToolFactory(name="Alpha")
    picked = ToolFactory(name="Private Pick")
    first, second = Client(), Client()
    first.force_login(UserFactory(role=Role.MEMBER))
    second.force_login(UserFactory(role=Role.MEMBER))
    _add(first, picked)
    mine = first.get(LIST).content.decode()  # fills the shared cache
    assert "Private Pick" in _tray_section(mine)

    theirs = second.get(LIST)
    html = theirs.content.decode()
    assert "data-compare-remove" not in html
    assert "Private Pick" not in _tray_section(html)
    # Every CSRF token on the page is the second member's own.
    own_secret = second.cookies[settings.CSRF_COOKIE_NAME].value
    first_secret = first.cookies[settings.CSRF_COOKIE_NAME].value
    assert own_secret != first_secret
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert tokens
    assert {_unmask_cipher_token(t) for t in tokens} == {own_secret}

    # And what the cache holds has no tray and no token at all.
    key = catalogue_cache.browse_html_key(
        version=selectors.catalogue_fingerprint(),
        language="en",
        params={},
        part="page",
    )
    cached = catalogue_cache.browse_html_get(key)
    assert cached is not None
    assert "csrfmiddlewaretoken" not in cached
    assert "compare-tray__" not in cached
    assert "Private Pick" in cached  # as a card, like every published tool


# --- Compare these, from a shortlist -------------------------------------------


def _shortlist(owner, tools) -> Shortlist:
    shortlist = Shortlist.objects.create(owner=owner, name="Procurement")
    for tool in tools:
        ShortlistItem.objects.create(shortlist=shortlist, tool=tool)
    return shortlist


def test_a_short_shortlist_is_ready_to_compare(member_client, member):
    tools = [ToolFactory(name=f"Tool {n}") for n in "ABC"]
    shortlist = _shortlist(member, tools)
    url = reverse("tools_catalog:shortlist-detail", kwargs={"pk": shortlist.pk})
    html = member_client.get(url).content.decode()
    boxes = re.findall(
        r'<input type="checkbox"[^>]*form="shortlist-compare"[^>]*>', html
    )
    assert len(boxes) == 3
    assert all("checked" in b for b in boxes)

    response = member_client.get(
        url, {"compare": "1", "tools": [tools[0].slug, tools[2].slug]}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{COMPARE}?tools={tools[0].slug},{tools[2].slug}"


@pytest.mark.parametrize(
    ("count", "message"), [(1, "Add at least one more"), (5, "5 tools")]
)
def test_comparing_1_or_5_from_a_shortlist_says_why_and_keeps_the_ticks(
    member_client, member, count, message
):
    tools = [ToolFactory() for _ in range(6)]
    shortlist = _shortlist(member, tools)
    url = reverse("tools_catalog:shortlist-detail", kwargs={"pk": shortlist.pk})
    picked = [t.slug for t in tools[:count]]
    response = member_client.get(url, {"compare": "1", "tools": picked})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    for slug in picked:
        assert re.search(rf'value="{slug}"[^>]*checked', html)
    assert ShortlistItem.objects.filter(shortlist=shortlist).count() == 6


def test_a_shortlist_compares_only_its_own_published_tools(member_client, member):
    a, b = ToolFactory(), ToolFactory(name="Archived Tool")
    outsider = ToolFactory()
    shortlist = _shortlist(member, [a, b])
    url = reverse("tools_catalog:shortlist-detail", kwargs={"pk": shortlist.pk})
    # A tool not on the shortlist does not count.
    response = member_client.get(
        url, {"compare": "1", "tools": [a.slug, outsider.slug]}
    )
    assert response.status_code == 400
    services.tool_archive(actor=UserFactory(role=Role.PROVIDER), tool=b)
    response = member_client.get(url, {"compare": "1", "tools": [a.slug, b.slug]})
    assert response.status_code == 400
    assert "Archived Tool is no longer in the catalogue" in response.content.decode()
