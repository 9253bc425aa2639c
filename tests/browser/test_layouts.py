"""Layouts that hold: no page scrolls sideways on a 360 px phone, at 200 % zoom
(a 640 px viewport) or on a laptop; the staff links have their own row; the tool
page puts its actions beside its facts on wide screens and under them on
phones; the landing figures never leave one card alone on a row.

The pages are a sample of the authorization matrix, each opened as the persona
tests/tools/pages.py prefers, with the objects tests/test_access.py makes.
"""

import pytest
from playwright.sync_api import Page

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.browser.conftest import sign_in
from tests.conftest import make_persona
from tests.test_access import url_for
from tests.tools.pages import pages
from tests.tools_catalog.factories import ToolFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLE = (
    "hub:home",
    "account_login",
    "account_signup",
    "account_email",
    "onboarding:application",
    "onboarding:case-list",
    "onboarding:case-detail",
    "tools_catalog:tool-list",
    "tools_catalog:tool-detail",
    "tools_catalog:shortlist-list",
    "learning_centre:overview",
    "learning_centre:module-detail",
    "learning_centre:certificate-detail",
    "community:forum-index",
    "community:topic-detail",
    "community:event-list",
    "hub:dashboard",
    "accounts:audit-list",
    "hub:design",
)
WIDTHS = (360, 640, 1280)
PERSONA_OF = {page.url_name: page.persona for page in pages()}


def _overflow(page: Page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_sampled_pages_do_not_scroll_sideways(
    page: Page, live_server: object, width: int
) -> None:
    assert set(SAMPLE) <= set(PERSONA_OF), "a sampled page left the matrix"
    page.set_viewport_size({"width": width, "height": 800})
    users = {}
    wide = []
    for url_name in SAMPLE:
        persona = PERSONA_OF[url_name]
        if persona not in users:
            users[persona] = make_persona(persona)
        page.context.clear_cookies()
        if users[persona] is not None:
            sign_in(page, live_server, users[persona])
        url = url_for(url_name, users[persona])
        response = page.goto(f"{live_server}{url}")
        assert response is not None
        assert response.ok, f"{url}: {response.status}"
        if (excess := _overflow(page)) > 0:
            wide.append(f"{url_name} ({url}): {excess}px too wide")
    tools = ToolFactory.create_batch(3)
    page.context.clear_cookies()
    sign_in(page, live_server, UserFactory(role=Role.MEMBER))
    slugs = ",".join(tool.slug for tool in tools)
    response = page.goto(f"{live_server}/tools/compare/?tools={slugs}")
    assert response is not None
    assert response.ok
    if (excess := _overflow(page)) > 0:
        wide.append(f"tools_catalog:tool-compare: {excess}px too wide")
    assert not wide, f"at {width}px:\n  " + "\n  ".join(wide)


def test_staff_links_sit_on_their_own_single_row(
    page: Page, live_server: object
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server, UserFactory(role=Role.ADMIN))
    page.goto(f"{live_server}/staff/dashboard/")
    main = page.locator(".site-nav").bounding_box()
    staff = page.locator(".staff-nav").bounding_box()
    header = page.locator(".site-header__inner").bounding_box()
    assert main
    assert staff
    assert header
    line = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.site-nav a')).lineHeight)"
    )
    assert header["height"] < 3 * line, "the header wraps"
    assert staff["height"] < 2 * line + 20, "the staff links wrap"
    assert staff["y"] >= header["y"] + header["height"] - 1


@pytest.mark.parametrize(("width", "beside"), [(1280, True), (360, False)])
def test_tool_page_puts_actions_beside_facts_on_wide_screens(
    page: Page, live_server: object, width: int, beside: bool
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    member = UserFactory(role=Role.MEMBER)
    sign_in(page, live_server, member)
    page.goto(f"{live_server}{ToolFactory().get_absolute_url()}")
    facts = page.locator(".tool-layout__facts").bounding_box()
    actions = page.locator(".tool-layout__actions").bounding_box()
    assert facts
    assert actions
    if beside:
        assert actions["x"] > facts["x"] + facts["width"] - 1
        assert abs(actions["y"] - facts["y"]) < 5
    else:
        assert actions["y"] >= facts["y"] + facts["height"] - 1


@pytest.mark.parametrize("width", WIDTHS)
def test_no_figure_is_alone_on_its_row(
    page: Page, live_server: object, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server}/")
    tops = page.evaluate(
        "[...document.querySelectorAll('.figures > *')]"
        ".map(card => Math.round(card.getBoundingClientRect().top))"
    )
    assert len(tops) > 2
    rows: dict[int, int] = {}
    for top in tops:
        rows[top] = rows.get(top, 0) + 1
    last_row = rows[max(rows)]
    assert last_row > 1, f"at {width}px the rows hold {list(rows.values())}"


def test_the_tool_page_prints_its_facts_only(page: Page, live_server: object) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server, UserFactory(role=Role.MEMBER))
    page.goto(f"{live_server}{ToolFactory().get_absolute_url()}")
    page.emulate_media(media="print")
    assert page.locator(".tool-layout__facts").is_visible()
    for hidden in (".tool-layout__actions", ".site-header", ".site-footer", ".btn"):
        assert not page.locator(hidden).first.is_visible(), hidden
    facts = page.locator(".tool-layout__facts").bounding_box()
    assert facts
    assert facts["width"] > 900, "the facts take the whole width"
