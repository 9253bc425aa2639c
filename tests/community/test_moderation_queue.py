"""The moderation queue lists only posts with an open flag, newest flag first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from community import selectors
from community.models import Flag
from community.services import moderation
from tests.accounts.factories import UserFactory
from tests.community.factories import PostFactory

pytestmark = pytest.mark.django_db
URL = reverse("community:moderation-queue")


def _flag(post, *, minutes_ago: int, resolved: bool = False) -> Flag:
    return Flag.objects.create(
        post=post,
        reporter=UserFactory(role=Role.MEMBER),
        reason=f"reason for {post.body}",
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
        resolved_at=timezone.now() if resolved else None,
    )


@pytest.fixture
def posts():
    unflagged = PostFactory(body="Never flagged")
    resolved = PostFactory(body="Flag resolved")
    _flag(resolved, minutes_ago=1, resolved=True)
    old = PostFactory(body="Flagged long ago")
    _flag(old, minutes_ago=120)
    _flag(old, minutes_ago=90)
    _flag(old, minutes_ago=5, resolved=True)
    recent = PostFactory(body="Flagged just now")
    _flag(recent, minutes_ago=2)
    return unflagged, resolved, old, recent


def test_queue_lists_only_posts_with_an_open_flag(client, posts):
    _unflagged, _resolved, old, recent = posts
    client.force_login(UserFactory(role=Role.MODERATOR))
    response = client.get(URL)
    assert response.status_code == 200
    listed = list(response.context["page_obj"].object_list)
    # Newest open flag first; unflagged and resolved posts are not in the queue.
    assert listed == [recent, old]
    body = response.content.decode()
    assert "Never flagged" not in body
    assert "Flag resolved" not in body


def test_queue_shows_the_open_flag_count(client, posts):
    _unflagged, _resolved, old, recent = posts
    client.force_login(UserFactory(role=Role.MODERATOR))
    page = client.get(URL).context["page_obj"]
    counts = {post.pk: post.open_flag_count for post in page.object_list}
    assert counts == {old.pk: 2, recent.pk: 1}
    body = client.get(URL).content.decode()
    assert "2 open flags" in body
    assert "1 open flag" in body


def test_dismissing_the_flags_empties_the_queue(client, posts):
    _unflagged, _resolved, old, recent = posts
    moderator = UserFactory(role=Role.MODERATOR)
    for post in (old, recent):
        moderation.flags_dismiss(moderator=moderator, post=post)
    assert list(selectors.flagged_post_list()) == []


def test_queue_query_budget(client, posts, django_assert_max_num_queries):
    for _ in range(10):
        _flag(PostFactory(), minutes_ago=3)
    client.force_login(UserFactory(role=Role.MODERATOR))
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert len(response.context["page_obj"].object_list) == 12
