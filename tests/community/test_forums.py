from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from community.errors import NotAllowedError, RateLimitedError
from community.models import Audience, DigestItem, Post, Sensitivity, Subscription
from community.selectors import category_for_stage, forum_search
from community.services import forums, moderation
from community.services.digests import digest_send
from community.tasks import send_forum_digests
from core.markdown import markdown_render
from learning_centre.models import Stage
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


def test_markdown_render_strips_script_iframe_and_javascript_links():
    html = markdown_render(
        "<script>alert(1)</script> [x](javascript:alert(1)) <iframe src=//e></iframe> **ok**",  # noqa: E501
        from_members=True,
    )
    assert "<script" not in html
    assert "<iframe" not in html
    assert "javascript:" not in html
    assert "<strong>ok</strong>" in html
    assert "&lt;script&gt;" in html  # shown as text


def test_topic_page_shows_sanitised_markdown_and_label(member_client):
    topic = TopicFactory(
        opening="Hello <script>x()</script> *there*", sensitivity=Sensitivity.AMBER
    )
    response = member_client.get(topic.get_absolute_url())
    body = response.content.decode()
    assert "<em>there</em>" in body
    assert "<script>x()" not in body
    assert "TLP:AMBER" in body


@pytest.mark.parametrize(
    ("role", "sees_staff"),
    [(Role.MEMBER, False), (Role.VERIFIER, True), (Role.MODERATOR, True)],
)
def test_category_visibility_per_role(client, role, sees_staff):
    staff = CategoryFactory(audience=Audience.STAFF, name="Staff room")
    mods = CategoryFactory(audience=Audience.MODERATORS, name="Moderators room")
    client.force_login(UserFactory(role=role))
    body = client.get(reverse("community:forum-index")).content.decode()
    assert ("Staff room" in body) is sees_staff
    assert ("Moderators room" in body) is (role == Role.MODERATOR)
    status = client.get(staff.get_absolute_url()).status_code
    assert status == (200 if sees_staff else 404)
    assert client.get(mods.get_absolute_url()).status_code == (
        200 if role == Role.MODERATOR else 404
    )


@pytest.mark.parametrize("role", [Role.PROVIDER, None])
def test_forums_closed_to_providers_and_applicants(client, role):
    user = UserFactory(role=role) if role else UserFactory()
    client.force_login(user)
    topic = TopicFactory()
    assert client.get(topic.get_absolute_url()).status_code in (302, 403)


def test_reply_to_locked_topic_is_refused(member):
    topic = TopicFactory(is_locked=True)
    with pytest.raises(NotAllowedError):
        forums.post_reply(author=member, topic=topic, body="hi")


def test_reply_view_on_locked_topic_keeps_text(member_client):
    topic = TopicFactory(is_locked=True)
    response = member_client.post(
        reverse("community:topic-reply", kwargs={"pk": topic.pk}), {"body": "my words"}
    )
    assert response.status_code == 200
    assert "my words" in response.content.decode()
    assert "locked" in response.content.decode()


def test_quote_prefills_reply(member_client):
    topic = TopicFactory(opening="Original line")
    post = topic.posts.get()
    response = member_client.get(
        reverse("community:topic-reply", kwargs={"pk": topic.pk}) + f"?quote={post.pk}"
    )
    assert "&gt; Original line" in response.content.decode()


@override_settings(HUB_COMMUNITY_POST_RATE=(2, 600))
def test_posting_rate_limit(member):
    topic = TopicFactory()
    forums.post_reply(author=member, topic=topic, body="1")
    forums.post_reply(author=member, topic=topic, body="2")
    with pytest.raises(RateLimitedError):
        forums.post_reply(author=member, topic=topic, body="3")


def test_suspended_member_cannot_post(member):
    moderator = UserFactory(role=Role.MODERATOR)
    moderation.member_suspend(moderator=moderator, user=member, reason="spam")
    with pytest.raises(NotAllowedError):
        forums.post_reply(author=member, topic=TopicFactory(), body="x")
    suspension = member.community_suspensions.get()
    moderation.suspension_lift(moderator=moderator, suspension=suspension)
    forums.post_reply(author=member, topic=TopicFactory(), body="x")
    assert member.is_active


def test_edit_window(member, settings):
    settings.HUB_COMMUNITY_EDIT_WINDOW_MINUTES = 30
    post = PostFactory(author=member)
    assert forums.post_may_edit(user=member, post=post)
    post.created_at = timezone.now() - timedelta(minutes=31)
    assert not forums.post_may_edit(user=member, post=post)


@override_settings(HUB_COMMUNITY_FLAG_RATE=(2, 3600))
def test_flag_spam_is_rate_limited(member):
    posts = PostFactory.create_batch(3)
    moderation.post_flag(reporter=member, post=posts[0], reason="a")
    moderation.post_flag(reporter=member, post=posts[1], reason="b")
    with pytest.raises(RateLimitedError):
        moderation.post_flag(reporter=member, post=posts[2], reason="c")


def test_hidden_post_leaves_search_and_is_audited(member):
    from accounts.models import AuditEvent

    post = PostFactory(body="needle in the haystack")
    assert list(forum_search(user=member, query="needle")) == [post.topic]
    moderator = UserFactory(role=Role.MODERATOR)
    moderation.post_flag(reporter=member, post=post, reason="off topic")
    moderation.post_hide(moderator=moderator, post=post)
    assert list(forum_search(user=member, query="needle")) == []
    assert AuditEvent.objects.filter(action="community_post_hidden").count() == 1
    assert not post.flags.filter(resolved_at__isnull=True).exists()


def test_digest_batches_posts_into_one_email_and_is_idempotent(
    member, django_capture_on_commit_callbacks
):
    category = CategoryFactory()
    Subscription.objects.create(user=member, category=category)
    topic = TopicFactory(
        category=category, sensitivity=Sensitivity.AMBER, title="Amber title"
    )
    PostFactory.create_batch(4, topic=topic, body="SECRET-AMBER-TEXT")
    hidden = PostFactory(topic=topic, is_hidden=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_forum_digests()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Amber title" in message.body
    assert "SECRET-AMBER-TEXT" not in message.body
    assert "SECRET-AMBER-TEXT" not in message.alternatives[0][0]
    assert not DigestItem.objects.filter(post=hidden).exists()
    with django_capture_on_commit_callbacks(execute=True):
        send_forum_digests()
    assert len(mail.outbox) == 1
    assert digest_send(user_id=member.pk) is False


def test_category_for_stage_contract():
    stage = Stage.objects.first()
    category = CategoryFactory(stage=stage)
    assert category_for_stage(stage=stage) == category
    assert reverse("community:category-detail", kwargs={"slug": category.slug})


def test_unread_marker(member_client, member):
    topic = TopicFactory()
    url = topic.category.get_absolute_url()
    assert "New" in member_client.get(url).content.decode()
    member_client.get(topic.get_absolute_url())
    assert ">New<" not in member_client.get(url).content.decode()


def test_topic_page_with_200_replies_query_budget(member_client):
    topic = TopicFactory()
    authors = UserFactory.create_batch(5, role=Role.MEMBER)
    Post.objects.bulk_create(
        [
            Post(
                topic=topic,
                author=authors[i % 5],
                body=f"r{i}",
                body_html=f"<p>r{i}</p>",
            )
            for i in range(200)
        ]
    )
    member_client.get(topic.get_absolute_url())  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = member_client.get(topic.get_absolute_url() + "?page=5")
    assert response.status_code == 200
    assert len(queries) <= 12, "\n".join(q["sql"][:150] for q in queries)
