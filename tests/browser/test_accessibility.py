"""axe-core finds no WCAG 2.x A/AA violation on the public and account pages."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_no_csp_violations, axe_check, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LANGUAGE_PREFIXES = {"en": "", "ar": "/ar"}

PUBLIC_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/privacy/",
    "/terms/",
    "/learn/wellbeing/",
]
ACCOUNT_PAGES = [
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/sessions/",
]


def _open(page: Page, live_server: object, language: str, path: str) -> None:
    url = f"{live_server}{LANGUAGE_PREFIXES[language]}{path}"
    response = page.goto(url)
    assert response is not None
    assert response.ok, f"{url} answered {response.status}"
    # Not redirected away (to the login page, say): we test the page we asked for.
    expect(page).to_have_url(url)
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_axe_violations(
    page: Page, live_server: object, language: str, path: str
) -> None:
    _open(page, live_server, language, path)
    axe_check(page)
    assert_no_csp_violations(page)


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("path", ACCOUNT_PAGES)
def test_account_page_has_no_axe_violations(
    page: Page, live_server: object, language: str, path: str
) -> None:
    sign_in(page, live_server, UserFactory(role=Role.MEMBER))
    _open(page, live_server, language, path)
    expect(page.locator(".manage__nav")).to_be_visible()
    axe_check(page)
    assert_no_csp_violations(page)


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
def test_login_error_has_no_axe_violations(
    page: Page, live_server: object, language: str
) -> None:
    user = UserFactory(role=Role.MEMBER)
    _open(page, live_server, language, "/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill("not-the-password")
    page.locator("main form [type=submit]").first.click()
    expect(page.locator("main .errorlist")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    axe_check(page)


def test_email_change_error_is_tied_to_its_field(
    page: Page, live_server: object
) -> None:
    user = UserFactory(role=Role.MEMBER)
    sign_in(page, live_server, user)
    _open(page, live_server, "en", "/accounts/email/")
    page.locator("#id_email").fill(user.email)
    # Invalid input is refused before allauth would ask for the password again.
    page.get_by_role("button", name="Change Email").click()

    field = page.locator("#id_email")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", "id_email_error")
    expect(page.locator("#id_email_error")).to_contain_text("already associated")
    axe_check(page)


def _contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS rgb()/rgba() colours."""

    def luminance(colour: str) -> float:
        red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", colour)[:3])
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in (red, green, blue)
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
def test_keyboard_focus_is_visible_on_the_dark_header(
    page: Page, live_server: object, language: str
) -> None:
    # axe does not judge focus indicators; WCAG 1.4.11 wants 3:1 against the header.
    _open(page, live_server, language, "/")
    header_background = page.locator(".site-header").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Tab")
    brand = page.locator(".site-brand")
    expect(brand).to_be_focused()
    outline = brand.evaluate(
        "el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineColor]"
    )
    assert outline[0] != "none"
    assert _contrast(outline[1], header_background) >= 3, outline
