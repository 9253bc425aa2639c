"""A 200-character unbroken name or title never makes a page wider than the window.

The staff case page used to be 2,442 px wide with such a name. Each page is
opened at a desktop (1280 px) and a phone (360 px) width, in English and Arabic.
"""

import pytest
from django.core.cache import cache
from playwright.sync_api import Page

from accounts.models import User
from accounts.roles import Role
from community.models import Flag
from community.services import directory, events, forums
from onboarding.services import application_claim, application_submit
from tests.accounts.factories import UserFactory
from tests.browser.conftest import sign_in
from tests.community.factories import CategoryFactory, EventFactory, ProfileFactory
from tests.onboarding.factories import ApplicationFactory
from tests.tools_catalog.factories import ProviderFactory, ToolFactory
from tools_catalog import services as catalogue

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LONG = "W" * 200
WIDTHS = (1280, 360)


def _assert_fits(page: Page, base: str, paths: list[str]) -> None:
    too_wide = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for path in paths:
            response = page.goto(f"{base}{path}")
            assert response is not None, path
            assert response.ok, f"{path}: {response.status}"
            scroll, window = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll > window:
                too_wide.append(f"{path} at {width}px: {scroll}px wide")
    assert not too_wide, "pages wider than the window:\n" + "\n".join(too_wide)


def _member_traces() -> tuple[User, list[str]]:
    cache.clear()
    author = UserFactory(role=Role.MEMBER, full_name=LONG, show_name=True)
    ProfileFactory(
        user=author,
        listed=True,
        agency=LONG,
        show_agency=True,
        unit=LONG,
        show_unit=True,
        role_title=LONG,
        show_role=True,
        languages=LONG,
        show_languages=True,
    )
    viewer = UserFactory(role=Role.MEMBER, full_name="Viewer", show_name=True)
    profile = ProfileFactory(user=viewer, listed=True)
    category = CategoryFactory(name=LONG)
    topic = forums.topic_create(
        author=author, category=category, title=LONG, body=LONG, sensitivity="amber"
    )
    forums.post_reply(author=author, topic=topic, body=f"https://{LONG}.example/")
    event = EventFactory(title=LONG, venue=LONG)
    events.event_rsvp(user=author, event=event)
    tool = ToolFactory(name=LONG, provider=ProviderFactory(name=LONG))
    catalogue.review_save(author=author, tool=tool, rating=4, text=LONG, show_name=True)
    catalogue.question_ask(author=author, tool=tool, text=LONG)
    shortlist = catalogue.shortlist_create(owner=viewer, name=LONG)
    directory.contact_request_send(sender=author, recipient=viewer, message=LONG)
    Flag.objects.create(
        post=topic.posts.get(is_first=True), reporter=viewer, reason=LONG
    )
    author_profile = author.community_profile
    paths = [
        "/community/",
        category.get_absolute_url(),
        topic.get_absolute_url(),
        f"/community/search/?q={'W' * 20}",
        "/community/events/",
        event.get_absolute_url(),
        f"/community/members/?q={'W' * 20}",
        f"/community/members/{author_profile.public_id}/",
        f"/community/members/{author_profile.public_id}/contact/",
        "/community/contacts/",
        tool.get_absolute_url(),
        "/tools/shortlists/",
        f"/tools/shortlists/{shortlist.pk}/",
    ]
    assert profile.public_id
    return viewer, paths


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_member_pages_never_widen(page: Page, live_server: object, prefix: str):
    viewer, paths = _member_traces()
    sign_in(page, live_server, viewer)
    _assert_fits(page, f"{live_server}{prefix}", paths)


def test_staff_pages_never_widen(page: Page, live_server: object):
    _viewer, member_paths = _member_traces()
    verifier = UserFactory(role=Role.VERIFIER, full_name=LONG)
    application = ApplicationFactory(
        full_name=LONG,
        agency_name=LONG,
        unit=LONG,
        job_title=LONG,
        supervisor_name=LONG,
    )
    application_submit(application=application, actor=application.user)
    application.refresh_from_db()
    application_claim(application=application, actor=verifier)
    sign_in(page, live_server, verifier)
    _assert_fits(
        page,
        str(live_server),
        ["/staff/verification/", application.get_absolute_url()],
    )

    page.context.clear_cookies()
    moderator = UserFactory(role=Role.MODERATOR, full_name=LONG)
    sign_in(page, live_server, moderator)
    _assert_fits(page, str(live_server), ["/staff/moderation/", member_paths[5]])
