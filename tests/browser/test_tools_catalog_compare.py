"""Comparing from anywhere in a real browser: the compare tray with JavaScript
(htmx swaps the tray alone; each tick is sent at once) and without it (a plain
form), "compare these" from a shortlist, the Print button and the print
stylesheet; axe on the cards, the tray and the compare page in English and
Arabic."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.browser.conftest import (
    DEFAULT_TIMEOUT_MS,
    assert_no_csp_violations,
    axe_check,
    sign_in,
)
from tests.tools_catalog.factories import CapabilityFactory, ToolFactory
from tools_catalog.models import DeploymentMode, Shortlist, ShortlistItem, Tool

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _catalogue() -> dict[str, Tool]:
    ocr = CapabilityFactory(name="OCR", slug="ocr")
    on_premise, _ = DeploymentMode.objects.get_or_create(
        slug="on-premise", defaults={"name": "On-premise"}
    )
    tools = {
        "finder": ToolFactory(
            name="Scene Finder",
            summary="Reads text in seized images.",
            stages=["media_review"],
            capabilities=[ocr],
            cost_model="free",
            data_leaves_premises="no",
            maturity="production",
            rating_average=4,
            rating_count=3,
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
        ),
        "mapper": ToolFactory(
            name="Network Mapper",
            summary="Maps networks of accounts.",
            stages=["offender_identification"],
        ),
    }
    tools["finder"].deployments.add(on_premise)
    return tools


def _box(page: Page, name: str):
    return page.get_by_role("checkbox", name=f"Compare {name}")


def _tray(page: Page):
    return page.locator("#compare-tray")


@pytest.fixture
def no_js_page(browser: Browser) -> Iterator[Page]:
    """A browser context with JavaScript switched off."""
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def test_the_tray_with_javascript_follows_the_member_and_compares(
    page: Page, live_server: object
) -> None:
    tools = _catalogue()
    sign_in(page, live_server, UserFactory(role=Role.MEMBER))
    page.goto(f"{live_server}/tools/")
    card = page.locator(".tool-card", has_text="Scene Finder")
    expect(card.locator(".chips")).to_contain_text("Media review")
    expect(card).to_contain_text("On-premise")
    expect(card).to_contain_text("4.0 out of 5 (3 reviews)")
    expect(card).to_contain_text("Not vetted yet")
    # Each tick is sent at once: no "Add to compare" to press, no reload.
    expect(_tray(page).get_by_role("button", name="Add to compare")).to_be_hidden()
    page.evaluate("window.__samePage = true")
    _box(page, "Scene Finder").check()
    expect(_tray(page).get_by_role("link", name="Scene Finder")).to_be_visible()
    expect(page.locator("#compare-tray-status")).to_have_text(
        re.compile("1 tool added to your compare tray")
    )
    _box(page, "Label Reader").check()
    expect(_tray(page).get_by_role("link")).to_have_count(2)
    assert page.evaluate("window.__samePage") is True

    # New results (htmx) keep the ticks of the tools in the tray.
    page.get_by_role("searchbox", name="Search").fill("reads")
    page.get_by_role("button", name="Show tools").click()
    expect(page.locator("#results-title")).to_have_text("2 tools")
    expect(_box(page, "Scene Finder")).to_be_checked()
    expect(_box(page, "Label Reader")).to_be_checked()
    # The buttons under the results belong to the tray's form too.
    page.locator(".compare-bar").get_by_role("button", name="Compare selected").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare tools")
    expect(page.locator("table.compare thead th")).to_have_count(2)

    # On a tool page: the tray is there; ticking and unticking work.
    page.goto(f"{live_server}{tools['sorter'].get_absolute_url()}")
    expect(_tray(page).get_by_role("link")).to_have_count(2)
    _box(page, "Photo Sorter").check()
    expect(_tray(page).get_by_role("link")).to_have_count(3)
    _box(page, "Photo Sorter").uncheck()
    expect(_tray(page).get_by_role("link")).to_have_count(2)
    _box(page, "Photo Sorter").check()
    expect(_tray(page).get_by_role("link")).to_have_count(3)
    assert_no_csp_violations(page)

    _tray(page).get_by_role("button", name="Compare selected").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare tools")
    headers = page.locator("table.compare thead th")
    expect(headers).to_have_count(3)
    for name in ("Scene Finder", "Label Reader", "Photo Sorter"):
        expect(headers.filter(has_text=name)).to_have_count(1)

    # Print: a button shown by the script, calling the browser's print.
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") is True
    assert_no_csp_violations(page)
    # The print stylesheet leaves the table and drops the tray and buttons.
    page.emulate_media(media="print")
    expect(page.locator("table.compare")).to_be_visible()
    expect(page.locator(".compare-tray")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()


def test_the_tray_without_javascript_is_a_plain_form(
    no_js_page: Page, live_server: object
) -> None:
    page = no_js_page
    tools = _catalogue()
    sign_in(page, live_server, UserFactory(role=Role.MEMBER))
    page.goto(f"{live_server}/tools/?q=reads")
    expect(page.get_by_role("button", name="Print")).to_have_count(0)
    _box(page, "Scene Finder").check()
    # Under the results, as in the tray: buttons of the tray's form.
    page.locator(".compare-bar").get_by_role("button", name="Add to compare").click()
    expect(page).to_have_url(re.compile(r"/tools/\?q=reads$"))
    expect(page.locator(".messages")).to_contain_text(
        "1 tool added to your compare tray"
    )
    expect(_tray(page).get_by_role("link", name="Scene Finder")).to_be_visible()

    # One tool is too few: a clear message, and the tray keeps it.
    _tray(page).get_by_role("button", name="Compare selected").click()
    expect(page.locator(".messages")).to_contain_text("Add at least one more tool")
    expect(_tray(page).get_by_role("link", name="Scene Finder")).to_be_visible()

    # The tray follows to a tool page; a ticked box goes with "Compare selected".
    page.goto(f"{live_server}{tools['mapper'].get_absolute_url()}")
    expect(_tray(page).get_by_role("link", name="Scene Finder")).to_be_visible()
    _box(page, "Network Mapper").check()
    _tray(page).get_by_role("button", name="Compare selected").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare tools")
    expect(page.locator("table.compare thead th")).to_have_count(2)
    # Without JavaScript the Print button stays hidden; the page still prints.
    expect(page.get_by_role("button", name="Print")).to_be_hidden()

    # Take one out, then empty the tray.
    page.goto(f"{live_server}/tools/")
    _tray(page).get_by_role("button", name="Remove Network Mapper").click()
    expect(page.locator(".messages")).to_contain_text(
        "Network Mapper is out of your compare tray"
    )
    expect(_tray(page).get_by_role("link")).to_have_count(1)
    _tray(page).get_by_role("button", name="Empty the tray").click()
    expect(page.locator(".messages")).to_contain_text("Your compare tray is empty")
    expect(_tray(page).get_by_role("link")).to_have_count(0)


def test_compare_these_from_a_shortlist_without_javascript(
    no_js_page: Page, live_server: object
) -> None:
    page = no_js_page
    tools = _catalogue()
    member = UserFactory(role=Role.MEMBER)
    shortlist = Shortlist.objects.create(owner=member, name="Procurement 2026")
    for key in ("finder", "reader", "sorter"):
        ShortlistItem.objects.create(shortlist=shortlist, tool=tools[key])
    sign_in(page, live_server, member)
    page.goto(f"{live_server}/tools/shortlists/{shortlist.pk}/")
    _box(page, "Photo Sorter").uncheck()
    _box(page, "Label Reader").uncheck()
    page.get_by_role("button", name="Compare these").click()
    expect(page.locator(".messages")).to_contain_text("Add at least one more tool")
    expect(_box(page, "Scene Finder")).to_be_checked()
    _box(page, "Photo Sorter").check()
    page.get_by_role("button", name="Compare these").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare tools")
    expect(page.locator("table.compare thead th")).to_have_count(2)


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_cards_tray_and_compare_have_no_axe_violations(
    page: Page, live_server: object, prefix: str
) -> None:
    tools = _catalogue()
    member = UserFactory(role=Role.MEMBER)
    shortlist = Shortlist.objects.create(owner=member, name="Procurement 2026")
    for key in ("finder", "reader"):
        ShortlistItem.objects.create(shortlist=shortlist, tool=tools[key])
    sign_in(page, live_server, member)
    page.goto(f"{live_server}{prefix}/tools/")
    axe_check(page)  # an empty tray
    for key in ("finder", "reader", "sorter"):
        page.locator(f'input[name="tools"][value="{tools[key].pk}"]').check()
        expect(_tray(page).locator("li")).to_have_count(
            ["finder", "reader", "sorter"].index(key) + 1
        )
    slugs = ",".join(tools[k].slug for k in ("finder", "reader", "sorter"))
    for path in (
        "/tools/",
        "/tools/?q=reads&stage=media_review",
        tools["finder"].get_absolute_url(),
        f"/tools/compare/?tools={slugs}",
        f"/tools/compare/?tools={tools['finder'].slug}",  # the 400 page
        f"/tools/shortlists/{shortlist.pk}/",
    ):
        page.goto(f"{live_server}{prefix}{path}")
        axe_check(page)
        assert_no_csp_violations(page)
