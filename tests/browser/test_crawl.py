"""axe-core finds no WCAG 2.x A/AA violation on any page of the authorization matrix.

Every GET URL of tests/test_access.py's MATRIX that answers 200 to some persona
is opened in Chromium as the first such persona (members first, see
tests/tools/pages.py), in English and in Arabic (right to left). New pages with
a matrix row are crawled automatically.

One test per URL name: the persona is made and signed in (session cookie) once,
the URL's objects are built once, and the page is checked in both languages; a
failure lists every language that fails. Before the browser opens a page, the test
client fetches it as the same persona: it must answer 200 (what the matrix
promises) and be HTML; other answers (JSON, calendar files) are skipped by
Content-Type. An HTML attachment (the offline learning path) cannot be navigated
to, so its HTML is loaded into the page.
"""

import pytest
from django.test import Client
from django.urls import translate_url
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_csp_violations, axe_check, sign_in
from tests.conftest import make_persona
from tests.test_access import url_for
from tests.tools.pages import Page as SitePage
from tests.tools.pages import is_attachment, is_html, pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LANGUAGES = ("en", "ar")


def _open(page: Page, live_server: object, client: Client, path: str) -> str | None:
    """Show ``path`` in the browser; the reason to skip it if it is no HTML page."""
    response = client.get(path)
    assert response.status_code == 200, (
        f"{path} answered {response.status_code} to the test client, "
        "but the access matrix says 200"
    )
    if not is_html(response):
        return f"not an HTML page ({response['Content-Type']})"
    if is_attachment(response):
        # A file to save and read offline: check the HTML the member gets.
        page.set_content(response.content.decode(response.charset or "utf-8"))
        return None
    url = f"{live_server}{path}"
    answer = page.goto(url)
    assert answer is not None
    assert answer.status == 200, f"{url} answered {answer.status} in the browser"
    # Not redirected away (to sign in, say): we check the page we asked for.
    expect(page).to_have_url(url)
    return None


@pytest.mark.parametrize("site_page", [pytest.param(p, id=p.test_id) for p in pages()])
def test_page_has_no_axe_violations(
    page: Page, live_server: object, site_page: SitePage
) -> None:
    user = make_persona(site_page.persona)
    client = Client()
    if user is not None:
        client.force_login(user)
        sign_in(page, live_server, user)
    english = url_for(site_page.url_name, user)

    failures = []
    for language in LANGUAGES:
        path = translate_url(english, language)
        assert language == "en" or path != english, f"no {language} URL for {english}"
        skip_reason = _open(page, live_server, client, path)
        if skip_reason:
            pytest.skip(skip_reason)
        html = page.locator("html")
        expect(html).to_have_attribute("lang", language)
        expect(html).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        try:
            axe_check(page)
            assert_no_csp_violations(page)
        except AssertionError as failure:
            failures.append(f"[{language}] as {site_page.persona_label}: {failure}")
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
