"""The moderation queue opens on flagged posts with counts, sorts, and acts in bulk."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import Role
from community.models import Post
from community.services import moderation
from tests.accounts.factories import UserFactory
from tests.community.factories import PostFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("community:moderation-queue")
BULK = reverse("community:post-bulk-moderate")


@pytest.fixture
def moderator(client: Client):
    user = UserFactory(role=Role.MODERATOR)
    client.force_login(user)
    client.user = user
    return client


def _flagged(body: str, flags: int = 1) -> Post:
    post = PostFactory(body=body)
    for _ in range(flags):
        moderation.post_flag(
            reporter=UserFactory(role=Role.MEMBER), post=post, reason="spam"
        )
    return post


def test_the_queue_opens_on_flagged_posts_with_counts(moderator):
    _flagged("first")
    hidden = _flagged("second")
    moderation.post_hide(moderator=moderator.user, post=hidden)
    response = moderator.get(QUEUE)
    counts = {key: count for key, _label, count, _current in response.context["tabs"]}
    assert counts == {"flagged": 1, "hidden": 1}
    assert [p.body for p in response.context["page_obj"]] == ["first"]
    hidden_tab = moderator.get(QUEUE, {"queue": "hidden"})
    assert [p.body for p in hidden_tab.context["page_obj"]] == ["second"]


def test_the_queue_sorts_by_whitelisted_keys(moderator):
    _flagged("one flag", flags=1)
    _flagged("three flags", flags=3)
    by_flags = moderator.get(QUEUE, {"sort": "-flags"})
    assert [p.body for p in by_flags.context["page_obj"]] == ["three flags", "one flag"]
    oldest = moderator.get(QUEUE, {"sort": "flagged"})
    assert [p.body for p in oldest.context["page_obj"]] == ["one flag", "three flags"]
    unknown = moderator.get(QUEUE, {"sort": "author__password"})
    assert unknown.status_code == 200


def test_bulk_dismiss_and_hide_are_audited_per_post(moderator):
    posts = [_flagged("a"), _flagged("b")]
    response = moderator.post(
        BULK, {"action": "dismiss", "posts": [p.pk for p in posts]}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="community_flags_dismissed").count() == 2
    posts = [_flagged("c"), _flagged("d")]
    moderator.post(BULK, {"action": "hide", "posts": [p.pk for p in posts]})
    assert AuditEvent.objects.filter(action="community_post_hidden").count() == 2
    assert all(Post.objects.get(pk=p.pk).is_hidden for p in posts)


def test_bulk_refuses_posts_that_are_not_flagged(moderator):
    post = PostFactory()
    response = moderator.post(BULK, {"action": "hide", "posts": [post.pk]})
    assert response.status_code == 400
    post.refresh_from_db()
    assert not post.is_hidden


def test_bulk_is_for_moderators_only(client):
    client.force_login(UserFactory(role=Role.VERIFIER))
    post = _flagged("x")
    assert client.post(BULK, {"action": "hide", "posts": [post.pk]}).status_code == 403


def test_the_moderation_queue_has_a_flat_query_budget(
    moderator, django_assert_max_num_queries
):
    for i in range(25):
        _flagged(f"post {i}")
    moderator.get(reverse("hub:home"))
    with django_assert_max_num_queries(14):
        response = moderator.get(QUEUE)
    assert len(response.context["page_obj"]) == 20


@pytest.mark.parametrize("sort", ["bogus", "-bogus", "body"])
def test_an_unknown_sort_falls_back_visibly_to_the_default(moderator, sort):
    _flagged("first")
    default = moderator.get(QUEUE).context["sorts"]
    response = moderator.get(QUEUE, {"sort": sort})
    assert response.status_code == 200
    assert response.context["sorts"] == default
    current = [s["key"] for s in response.context["sorts"] if s["current"]]
    assert current == ["flagged"]
    assert 'aria-current="true"' in response.content.decode()
