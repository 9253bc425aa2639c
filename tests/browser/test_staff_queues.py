"""The staff queues with work in them: axe-clean, usable at 360 px, shortcuts work."""

import re

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


def test_saving_filters_after_filtering_with_htmx_saves_those_filters(
    page: Page, live_server: object
) -> None:
    """htmx swaps only the results: the saved-filter form comes along with them
    (out of band), so "Save filters" saves what the page now shows."""
    from accounts.models import SavedFilter

    verifier = UserFactory(role=Role.VERIFIER)
    SubmittedApplicationFactory.create_batch(2)
    sign_in(page, live_server, verifier)
    page.goto(f"{live_server}/staff/verification/")
    filters = page.locator("form[data-queue-filters]")
    filters.get_by_label("Status").select_option("submitted")
    with page.expect_response(lambda r: "status=submitted" in r.url):
        filters.get_by_role("button", name="Show applications").click()
    expect(page).to_have_url(re.compile(r"status=submitted"))
    page.locator(".saved-filters summary").click()
    page.get_by_label("Name these filters").fill("Submitted only")
    page.get_by_role("button", name="Save filters").click()
    expect(page).to_have_url(re.compile(r"status=submitted"))
    saved = SavedFilter.objects.get(user=verifier)
    assert sorted(saved.query.split("&")) == ["queue=actionable", "status=submitted"]
