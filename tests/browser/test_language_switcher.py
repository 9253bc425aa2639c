"""The language switcher in a browser, with and without JavaScript: from a page
in one language to the same page in another, the query string kept."""

import pytest
from playwright.sync_api import Browser, expect

from accounts.models import User
from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# (from, to, expected path): prefix replaced, removed, added.
STEPS = [
    ("/ru/tools/?q=hash", "zh-hans", "/zh-hans/tools/?q=hash"),
    ("/zh-hans/tools/?q=hash", "en", "/tools/?q=hash"),
    ("/tools/?q=hash", "ar", "/ar/tools/?q=hash"),
]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_member_switches_language_on_any_page(
    browser: Browser, live_server: object, javascript: bool
) -> None:
    member = UserFactory(role=Role.MEMBER)
    context = browser.new_context(locale="en-GB", java_script_enabled=javascript)
    page = context.new_page()
    try:
        sign_in(page, live_server, member)
        for start, language, expected in STEPS:
            page.goto(f"{live_server}{start}")
            page.locator("#language-select").select_option(language)
            page.locator("form.language-switcher button[type=submit]").click()
            expect(page.locator("html")).to_have_attribute("lang", language)
            assert page.url == f"{live_server}{expected}"
        assert User.objects.get(pk=member.pk).language == "ar"
    finally:
        context.close()
