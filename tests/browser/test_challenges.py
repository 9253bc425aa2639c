"""A challenge end to end in a real browser: a member and a provider form a
team, submit, a judge scores, staff publish the results and an editor turns the
winner into a Learning Centre resource; axe-clean in English and Arabic."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.roles import Role
from community.models import Challenge, Judge, Submission, Team
from learning_centre.models import Resource
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_no_csp_violations, axe_check, sign_in
from tests.community.factories import ChallengeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _switch(page: Page, live_server: object, user) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server, user)


def test_a_challenge_from_team_to_learning_centre(
    page: Page, live_server: object
) -> None:
    challenge = ChallengeFactory(title="Faster triage")
    member = UserFactory(role=Role.MEMBER, full_name="Ana Member", show_name=True)
    provider = UserFactory(role=Role.PROVIDER, full_name="Pat Provider")
    judge = UserFactory(role=Role.MEMBER)
    moderator = UserFactory(role=Role.MODERATOR)
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    Judge.objects.create(challenge=challenge, user=judge)

    sign_in(page, live_server, member)
    page.goto(f"{live_server}{challenge.get_absolute_url()}")
    axe_check(page)
    page.get_by_label("Team name").fill("Blue")
    page.get_by_role("button", name="Create a team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Blue")
    code = Team.objects.get().join_code

    _switch(page, live_server, provider)
    page.goto(f"{live_server}{challenge.get_absolute_url()}")
    page.get_by_label("Team code").fill(code)
    page.get_by_role("button", name="Join with a code").click()
    expect(page.get_by_text("Ana Member")).to_be_visible()
    page.get_by_role("link", name="Submit").click()
    page.get_by_label("Title").fill("Triage helper")
    page.get_by_label("Summary").fill("Ranks files by likely relevance.")
    page.get_by_label("Repository link").fill("https://example.org/repo")
    axe_check(page)
    page.get_by_role("button", name="Save the submission").click()
    expect(page.get_by_role("heading", name="Triage helper")).to_be_visible()
    assert_no_csp_violations(page)

    # The deadline passes.
    now = timezone.now()
    Challenge.objects.filter(pk=challenge.pk).update(
        registration_opens_at=now - timedelta(days=3),
        registration_closes_at=now - timedelta(days=2),
        build_ends_at=now - timedelta(hours=1),
    )
    submission = Submission.objects.get()
    _switch(page, live_server, judge)
    page.goto(f"{live_server}/challenges/submissions/{submission.pk}/score/")
    axe_check(page)
    page.get_by_role("spinbutton", name="Usefulness").fill("9")
    page.get_by_role("spinbutton", name="Feasibility").fill("7")
    page.get_by_label("Comment on “Usefulness”").fill("Clear and useful")
    page.get_by_role("button", name="Save my scores").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Judging")

    _switch(page, live_server, moderator)
    page.goto(f"{live_server}/staff/challenges/{challenge.slug}/results/")
    axe_check(page)
    page.get_by_label("Results summary (public)").fill("Blue won.")
    page.get_by_role("button", name="Publish the results").click()
    expect(page.get_by_text("Results published")).to_be_visible()

    _switch(page, live_server, member)
    page.goto(f"{live_server}{Team.objects.get().get_absolute_url()}")
    expect(page.get_by_text("Clear and useful")).to_be_visible()

    _switch(page, live_server, editor)
    page.goto(f"{live_server}{challenge.get_absolute_url()}")
    page.get_by_role("button", name="Turn into a Learning Centre resource").click()
    expect(page.get_by_role("link", name="Learning Centre resource")).to_be_visible()
    resource = Resource.objects.get()
    assert list(resource.stages.all()) == [challenge.stage]


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_challenge_pages_are_axe_clean(
    page: Page, live_server: object, prefix: str
) -> None:
    challenge = ChallengeFactory()
    member = UserFactory(role=Role.MEMBER)
    sign_in(page, live_server, member)
    for path in ("/challenges/", challenge.get_absolute_url(), "/community/events/"):
        page.goto(f"{live_server}{prefix}{path}")
        axe_check(page)
        assert_no_csp_violations(page)
    sign_in(page, live_server, UserFactory(role=Role.MODERATOR))
    for path in ("/staff/challenges/", "/staff/challenges/new/"):
        page.goto(f"{live_server}{prefix}{path}")
        axe_check(page)
    page.goto(f"{live_server}{prefix}/join/poster/")
    axe_check(page)
