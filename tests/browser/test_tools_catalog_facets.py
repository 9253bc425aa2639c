"""Facet counts after htmx filter changes are those of a full page load."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_no_csp_violations, sign_in
from tests.browser.test_tools_catalog import _catalogue
from tools_catalog.models import SupportedLanguage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

FACETS_JS = """() => {
  const boxes = document.querySelectorAll('.catalogue__filters input[type=checkbox]');
  return {
    title: document.getElementById('results-title').textContent.trim(),
    options: Array.from(boxes).map((box) => [
      box.name, box.value, box.checked, box.closest('label').textContent.trim(),
    ]),
  };
}"""
SETTLED_JS = """() => {
  window.__settled = false;
  document.body.addEventListener(
    'htmx:afterSettle', () => { window.__settled = true; }, { once: true }
  );
}"""


def _facets(page: Page) -> dict:
    return page.evaluate(FACETS_JS)


def _show_tools(page: Page) -> None:
    """Press "Show tools" (htmx swaps the results) and wait until it settles."""
    page.evaluate(SETTLED_JS)
    page.get_by_role("button", name="Show tools").click()
    page.wait_for_function("() => window.__settled === true")


def _matches_a_full_load(page: Page) -> dict:
    """Every facet option (value, ticked, label with its count) and the result
    count, as htmx left them, equal those of the same URL loaded afresh."""
    swapped = _facets(page)
    fresh_page = page.context.new_page()
    fresh_page.goto(page.url)
    fresh = _facets(fresh_page)
    fresh_page.close()
    assert swapped == fresh
    return swapped


def test_facet_counts_after_htmx_filter_changes_match_a_full_page_load(
    page: Page, live_server: object
) -> None:
    tools = _catalogue()
    tools["reader"].languages.add(SupportedLanguage.objects.get(slug="en"))
    sign_in(page, live_server, UserFactory(role=Role.MEMBER))
    page.goto(f"{live_server}/tools/")
    start = _facets(page)
    assert start["title"] == "4 tools"
    assert ["capability", "ocr", False, "OCR (3)"] in start["options"]

    for details in page.locator("details.facet").all():
        details.locator("summary").click()  # open every facet
    page.get_by_role("checkbox", name=re.compile(r"^Media review")).check()
    _show_tools(page)
    expect(page).to_have_url(re.compile(r"stage=media_review"))
    after = _matches_a_full_load(page)
    assert after["title"] == "3 tools"
    assert ["capability", "hash-matching", False, "Hash matching (1)"] in after[
        "options"
    ]
    assert after != start  # the counts did change

    page.get_by_role("checkbox", name=re.compile(r"^OCR")).check()
    _show_tools(page)
    assert _matches_a_full_load(page)["title"] == "3 tools"

    page.get_by_role("searchbox", name="Search").fill("labels")
    _show_tools(page)
    searched = _matches_a_full_load(page)
    assert searched["title"] == "1 tool"
    assert ["language", "en", False, "English (1)"] in searched["options"]

    page.get_by_role("checkbox", name=re.compile(r"^Media review")).uncheck()
    page.get_by_role("searchbox", name="Search").fill("")
    _show_tools(page)
    assert _matches_a_full_load(page)["title"] == "3 tools"
    # The facets the member opened stay open after the swaps.
    for details in page.locator("details.facet").all():
        expect(details).to_have_attribute("open", "")
    assert_no_csp_violations(page)
