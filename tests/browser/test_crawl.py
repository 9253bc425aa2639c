"""axe-core finds no WCAG 2.x A/AA violation on any page of the authorization matrix.

Every GET URL of tests/test_access.py's MATRIX that answers 200 to some persona
is opened in Chromium as the first such persona (members first, see
tests/tools/pages.py). New pages with a matrix row are crawled automatically.

Languages: every page in English and in Arabic (right to left, where layout
breaks first), plus one of the four other languages in turn (French, Russian,
Chinese, Spanish), so each of the six is crawled over a quarter of the site or
more on every run while the crawl stays at three languages a page.
``HUB_CRAWL_ALL_LANGUAGES=1`` crawls all six on every page (CI does).

One test per URL name: the persona is made and signed in (session cookie) once,
the URL's objects are built once, and the page is checked in both languages; a
failure lists every language that fails. Before the browser opens a page, the test
client fetches it as the same persona: it must answer 200 (what the matrix
promises) and be HTML; other answers (JSON, calendar files) are skipped by
Content-Type. An HTML attachment (the offline learning path) cannot be navigated
to, so its HTML is loaded into the page.
"""

import os

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from core.i18n import path_for_language
from tests.browser.conftest import assert_no_csp_violations, axe_check, sign_in
from tests.conftest import make_persona
from tests.test_access import url_for
from tests.tools.pages import Page as SitePage
from tests.tools.pages import is_attachment, is_html, pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

ALWAYS = ("en", "ar")
IN_TURN = ("fr", "ru", "zh-hans", "es")
ALL_LANGUAGES = os.environ.get("HUB_CRAWL_ALL_LANGUAGES") == "1"
PAGES = pages()


def languages_for(index: int) -> tuple[str, ...]:
    """English, Arabic and one other language in turn (all six if asked)."""
    if ALL_LANGUAGES:
        return (*ALWAYS, *IN_TURN)
    return (*ALWAYS, IN_TURN[index % len(IN_TURN)])


def test_every_language_is_crawled() -> None:
    crawled = {code for index in range(len(PAGES)) for code in languages_for(index)}
    assert crawled == {*ALWAYS, *IN_TURN}


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


@pytest.mark.parametrize(
    ("index", "site_page"),
    [pytest.param(i, p, id=p.test_id) for i, p in enumerate(PAGES)],
)
def test_page_has_no_axe_violations(
    page: Page, live_server: object, index: int, site_page: SitePage
) -> None:
    user = make_persona(site_page.persona)
    client = Client()
    if user is not None:
        client.force_login(user)
        sign_in(page, live_server, user)
    english = url_for(site_page.url_name, user)

    failures = []
    for language in languages_for(index):
        path = path_for_language(english, language=language)
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
