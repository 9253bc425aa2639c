"""Subscription digests: one email per member per run, never the same post twice.

Emails carry topic titles and links only, never post text (AMBER content must
not leave the Hub).
"""

import hashlib

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from accounts.roles import Perm
from accounts.selectors import user_own_name
from community import conf
from community.models import DigestItem, Post, Subscription
from community.selectors import audiences_for
from outbox.emails import email_enqueue, email_render


def digest_recipient_ids() -> list[int]:
    return list(
        Subscription.objects.filter(user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )


def digest_pending_posts(*, user: User) -> list[Post]:
    subscribed = Q()
    for sub in Subscription.objects.filter(user=user):
        if sub.topic_id:
            subscribed |= Q(topic_id=sub.topic_id, created_at__gte=sub.created_at)
        else:
            subscribed |= Q(
                topic__category_id=sub.category_id, created_at__gte=sub.created_at
            )
    if not subscribed:
        return []
    already = DigestItem.objects.filter(user=user).values("post_id")
    return list(
        Post.objects.filter(subscribed)
        .filter(
            is_hidden=False,
            topic__is_hidden=False,
            topic__category__audience__in=audiences_for(user=user),
        )
        .exclude(author=user)
        .exclude(pk__in=already)
        .select_related("topic")
        .order_by("topic_id", "created_at")
        .distinct()
    )


@transaction.atomic
def digest_send(*, user_id: int) -> bool:
    """Send this member one digest of what is new; False when there is nothing."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_perm(Perm.USE_MEMBER_AREA):
        return False
    posts = digest_pending_posts(user=user)
    if not posts:
        return False
    topics: dict[int, dict[str, object]] = {}
    for post in posts:
        entry = topics.setdefault(
            post.topic_id,
            {
                "title": post.topic.title,
                "sensitivity": post.topic.get_sensitivity_display(),
                "url": conf.site_url(post.topic.get_absolute_url()),
                "count": 0,
            },
        )
        entry["count"] = int(entry["count"]) + 1  # type: ignore[call-overload]
    now = timezone.now()
    DigestItem.objects.bulk_create(
        [DigestItem(user=user, post=post, sent_at=now) for post in posts],
        ignore_conflicts=True,
    )
    message = email_render(
        template_prefix="community/digest",
        context={
            "user_name": user_own_name(user),
            "topics": list(topics.values()),
            "post_count": len(posts),
        },
        to=[user.email],
        language=user.language,
    )
    ids = ",".join(str(post.pk) for post in posts)
    key = hashlib.sha256(ids.encode()).hexdigest()[:32]
    email_enqueue(message=message, dedupe_key=f"community-digest:{user.pk}:{key}")
    return True
