"""Playwright fixtures for the browser tests: Debian's Chromium, one per session.

Every test here uses pytest-django's ``live_server``, so it runs on a transactional
database that is flushed afterwards, and with it the rows that data migrations
created (role groups, stages); tests/conftest.py puts those back before each
transactional test.
"""

import os
import re
import shutil
from collections.abc import Generator, Iterator
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Playwright's sync API keeps an asyncio loop running in this thread, and Django's
# ORM refuses to run in a thread with a running loop unless told it is safe. It is:
# the loop only drives the browser, never the database.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
DEFAULT_TIMEOUT_MS = 10_000
HERE = Path(__file__).parent

# The WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA, plus axe's best
# practices (landmarks, heading order, one <h1>), which every page meets today.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "resultTypes": ["violations"],
}

# Playwright's init scripts run before the page's own and are exempt from its CSP,
# as is page.evaluate(): axe is injected that way, so no bypass_csp is needed.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Hooks in a conftest see the whole session's items: mark only ours.
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Keep each phase's report on the item so the page fixture can see a failure.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _chromium_path() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator["Browser"]:
    executable = _chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed (looked for /usr/bin/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    playwright = sync_api.sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser: "Browser", request: pytest.FixtureRequest) -> Iterator["Page"]:
    """A fresh browser context (no cookies) per test; a screenshot if it fails."""
    context = browser.new_context(locale="en-GB")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        # A crashed page cannot be photographed; the test's own failure matters more.
        with suppress(Exception):
            page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    context.close()


def sign_in(page: "Page", live_server: object, user: User) -> None:
    """Sign ``user`` in without the form: a Django session copied into the browser."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": str(live_server)}]
    )


def axe_check(page: "Page") -> None:
    """Run axe-core's WCAG 2.x A/AA rules on the page; fail listing each violation."""
    from axe_playwright_python.sync_playwright import Axe

    violations: list[dict[str, Any]] = (
        Axe().run(page, options=AXE_OPTIONS).response["violations"]
    )
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}")
            if node.get("failureSummary"):
                lines.append(f"        {' '.join(node['failureSummary'].split())}")
    assert not violations, (
        f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(lines)
    )


def assert_no_csp_violations(page: "Page") -> None:
    """Fail if the page tried anything the Content-Security-Policy blocked."""
    violations = page.evaluate("window.__cspViolations")
    assert not violations, f"CSP violations on {page.url}: {violations}"
