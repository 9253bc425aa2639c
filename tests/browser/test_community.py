"""Community in a real browser: post, reply, flag, hide; waitlist promotion; axe."""

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from community.models import Registration, RegistrationStatus
from tests.accounts.factories import UserFactory
from tests.browser.conftest import assert_no_csp_violations, axe_check, sign_in
from tests.community.factories import CategoryFactory, EventFactory, ProfileFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_post_reply_flag_and_hide(page: Page, live_server: object) -> None:
    category = CategoryFactory(name="Triage")
    author = UserFactory(role=Role.MEMBER, full_name="Ana Author")
    replier = UserFactory(role=Role.MEMBER, full_name="Rui Replier")
    moderator = UserFactory(role=Role.MODERATOR)

    sign_in(page, live_server, author)
    page.goto(f"{live_server}{category.get_absolute_url()}")
    page.get_by_role("link", name="Start a topic").click()
    page.get_by_label("Title").fill("Backlog triage")
    page.get_by_label("Text").fill("How do you **rank** devices?")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Backlog triage")
    topic_url = page.url

    page.context.clear_cookies()
    sign_in(page, live_server, replier)
    page.goto(topic_url)
    page.get_by_label("Your reply").fill("We score by risk. <script>bad()</script>")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("We score by risk.")).to_be_visible()
    page.locator(".post").first.get_by_role("link", name="Flag for a moderator").click()
    page.get_by_label("Why should a moderator look at this post?").fill("Off topic")
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.get_by_text("A moderator will look at this post")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server, moderator)
    page.goto(f"{live_server}/staff/moderation/")
    expect(page.get_by_text("Off topic")).to_be_visible()
    page.get_by_role("button", name="Hide").first.click()
    expect(page.get_by_text("The post is hidden.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server, replier)
    response = page.goto(topic_url)
    assert response is not None
    assert response.status == 404


def test_waitlist_promotion(page: Page, live_server: object) -> None:
    event = EventFactory(capacity=1, title="Triage webinar")
    holder = UserFactory(role=Role.MEMBER)
    waiting = UserFactory(role=Role.MEMBER)
    Registration.objects.create(
        event=event, user=holder, status=RegistrationStatus.REGISTERED
    )

    sign_in(page, live_server, waiting)
    page.goto(f"{live_server}{event.get_absolute_url()}")
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_text("you are on the waiting list")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server, holder)
    page.goto(f"{live_server}{event.get_absolute_url()}")
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_text("Your registration is cancelled.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server, waiting)
    page.goto(f"{live_server}{event.get_absolute_url()}")
    expect(page.get_by_text("You are registered.")).to_be_visible()


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_community_pages_have_no_axe_violations(
    page: Page, live_server: object, prefix: str
) -> None:
    from community.services.forums import post_reply, topic_create

    member = UserFactory(role=Role.MEMBER)
    moderator = UserFactory(role=Role.MODERATOR)
    category = CategoryFactory(name="Victim identification")
    topic = topic_create(
        author=member,
        category=category,
        title="Scene clues",
        body="> quote\n\n*text*",
        sensitivity="amber",
    )
    post_reply(author=moderator, topic=topic, body="A reply")
    other = UserFactory(role=Role.MEMBER, full_name="Listed Officer", show_name=True)
    ProfileFactory(user=other, listed=True, agency="Police", show_agency=True)
    event = EventFactory(time_zone="Europe/Paris")
    pages = [
        "/community/",
        topic.get_absolute_url(),
        "/community/members/?q=Listed",
        "/community/events/",
        event.get_absolute_url(),
        "/staff/dashboard/",
        "/staff/moderation/",
    ]
    sign_in(page, live_server, moderator)
    for path in pages:
        response = page.goto(f"{live_server}{prefix}{path}")
        assert response is not None, path
        assert response.ok, path
        axe_check(page)
        assert_no_csp_violations(page)
