"""The staff queues with work in them: axe-clean, usable at 360 px, shortcuts work."""

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from community.services import moderation
from onboarding import services
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_no_csp_violations, axe_check, sign_in
from tests.community.factories import PostFactory
from tests.onboarding.factories import SubmittedApplicationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_verification_queue_and_a_case_pass_axe(
    page: Page, live_server: object, language: str
) -> None:
    verifier = UserFactory(role=Role.VERIFIER)
    cases = SubmittedApplicationFactory.create_batch(3)
    services.application_claim(application=cases[0], actor=verifier)
    sign_in(page, live_server, verifier)
    prefix = "" if language == "en" else f"/{language}"
    page.goto(f"{live_server}{prefix}/staff/verification/")
    expect(page.locator("[data-queue-row]")).to_have_count(3)
    axe_check(page)
    assert_no_csp_violations(page)
    # Keyboard: j moves to the first row, x ticks it.
    page.locator("body").press("j")
    page.keyboard.press("x")
    expect(page.locator("[data-queue-row] input[type=checkbox]").first).to_be_checked()
    page.goto(f"{live_server}{prefix}/staff/verification/{cases[0].pk}/")
    axe_check(page)


def test_the_queue_and_the_case_page_fit_360px(page: Page, live_server: object) -> None:
    verifier = UserFactory(role=Role.VERIFIER)
    case = SubmittedApplicationFactory()
    sign_in(page, live_server, verifier)
    page.set_viewport_size({"width": 360, "height": 800})
    for path in ("/staff/verification/", f"/staff/verification/{case.pk}/"):
        page.goto(f"{live_server}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path}: {width}px wide"


def test_the_moderation_queue_with_flags_passes_axe(
    page: Page, live_server: object
) -> None:
    moderator = UserFactory(role=Role.MODERATOR)
    post = PostFactory(body="Buy cheap things")
    moderation.post_flag(
        reporter=UserFactory(role=Role.MEMBER), post=post, reason="spam"
    )
    sign_in(page, live_server, moderator)
    page.goto(f"{live_server}/staff/moderation/")
    expect(page.locator("[data-queue-row]")).to_have_count(1)
    axe_check(page)
    assert_no_csp_violations(page)
