from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import audit_event_record
from community import conf
from community.audit import CommunityAction
from community.errors import CommunityError, NotAllowedError, RateLimitedError
from community.models import Category, Flag, Post, Suspension, Topic
from core.ratelimit import rate_limit_hit


def post_flag(*, reporter: User, post: Post, reason: str) -> Flag:
    limit, seconds = conf.flags_per_window()
    if rate_limit_hit(key=f"flag:{reporter.pk}", limit=limit, seconds=seconds):
        raise RateLimitedError(
            _("You have flagged many posts recently. Try again later.")
        )
    if post.author_id == reporter.pk:
        raise NotAllowedError(_("You cannot flag your own post."))
    try:
        with transaction.atomic():
            return Flag.objects.create(post=post, reporter=reporter, reason=reason)
    except IntegrityError:
        raise CommunityError(
            _("You have already flagged this post; a moderator will look at it.")
        ) from None


def _resolve_flags(*, moderator: User, post: Post) -> int:
    return Flag.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=moderator
    )


@transaction.atomic
def post_hide(*, moderator: User, post: Post) -> None:
    """Hide a post (the opening post hides the topic): gone from pages, search, email."""  # noqa: E501
    if post.is_hidden:
        raise CommunityError(_("This post is already hidden."))
    post.is_hidden = True
    post.save(update_fields=["is_hidden"])
    if post.is_first:
        Topic.objects.filter(pk=post.topic_id).update(is_hidden=True)
    resolved = _resolve_flags(moderator=moderator, post=post)
    audit_event_record(
        actor=moderator,
        action=CommunityAction.POST_HIDDEN,
        target=post,
        before={"is_hidden": False},
        after={"is_hidden": True, "flags_resolved": resolved},
    )


@transaction.atomic
def post_restore(*, moderator: User, post: Post) -> None:
    if not post.is_hidden:
        raise CommunityError(_("This post is not hidden."))
    post.is_hidden = False
    post.save(update_fields=["is_hidden"])
    if post.is_first:
        Topic.objects.filter(pk=post.topic_id).update(is_hidden=False)
    audit_event_record(
        actor=moderator,
        action=CommunityAction.POST_RESTORED,
        target=post,
        before={"is_hidden": True},
        after={"is_hidden": False},
    )


@transaction.atomic
def flags_dismiss(*, moderator: User, post: Post) -> None:
    resolved = _resolve_flags(moderator=moderator, post=post)
    if not resolved:
        raise CommunityError(_("There are no open flags on this post."))
    audit_event_record(
        actor=moderator,
        action=CommunityAction.FLAGS_DISMISSED,
        target=post,
        before={"open_flags": resolved},
        after={"open_flags": 0},
    )


# A topic's moderation switches, with the audit action for on and for off.
_TOPIC_FLAGS = {
    "is_locked": (CommunityAction.TOPIC_LOCKED, CommunityAction.TOPIC_UNLOCKED),
    "is_pinned": (CommunityAction.TOPIC_PINNED, CommunityAction.TOPIC_UNPINNED),
}


def _topic_flag_set(*, moderator: User, topic: Topic, field: str, value: bool) -> None:
    if getattr(topic, field) == value:
        raise CommunityError(_("Nothing to change."))
    setattr(topic, field, value)
    topic.save(update_fields=[field])
    on_action, off_action = _TOPIC_FLAGS[field]
    audit_event_record(
        actor=moderator,
        action=on_action if value else off_action,
        target=topic,
        before={field: not value},
        after={field: value},
    )


@transaction.atomic
def topic_set_locked(*, moderator: User, topic: Topic, locked: bool) -> None:
    _topic_flag_set(moderator=moderator, topic=topic, field="is_locked", value=locked)


@transaction.atomic
def topic_set_pinned(*, moderator: User, topic: Topic, pinned: bool) -> None:
    _topic_flag_set(moderator=moderator, topic=topic, field="is_pinned", value=pinned)


@transaction.atomic
def topic_move(*, moderator: User, topic: Topic, category: Category) -> None:
    if topic.category_id == category.pk:
        raise CommunityError(_("The topic is already in that category."))
    before = topic.category.slug
    topic.category = category
    topic.save(update_fields=["category"])
    audit_event_record(
        actor=moderator,
        action=CommunityAction.TOPIC_MOVED,
        target=topic,
        before={"category": before},
        after={"category": category.slug},
    )


@transaction.atomic
def member_suspend(*, moderator: User, user: User, reason: str) -> Suspension:
    if user.pk == moderator.pk:
        raise NotAllowedError(_("You cannot suspend yourself."))
    if Suspension.objects.filter(user=user, lifted_at__isnull=True).exists():
        raise CommunityError(_("This member is already suspended."))
    suspension = Suspension.objects.create(
        user=user, reason=reason, created_by=moderator
    )
    audit_event_record(
        actor=moderator,
        action=CommunityAction.MEMBER_SUSPENDED,
        target=user,
        before={"may_post": True},
        after={"may_post": False, "reason": reason},
    )
    return suspension


@transaction.atomic
def suspension_lift(*, moderator: User, suspension: Suspension) -> None:
    if suspension.lifted_at is not None:
        raise CommunityError(_("This suspension was already lifted."))
    suspension.lifted_at = timezone.now()
    suspension.lifted_by = moderator
    suspension.save(update_fields=["lifted_at", "lifted_by"])
    audit_event_record(
        actor=moderator,
        action=CommunityAction.SUSPENSION_LIFTED,
        target=suspension.user,
        before={"may_post": False},
        after={"may_post": True},
    )


def posts_bulk_moderate(
    *, moderator: User, posts: list[Post], action: str
) -> tuple[int, int]:
    """Hide the posts or dismiss their flags (``action``: "hide" or "dismiss"),
    each in its own transaction and audited as from the queue. Returns (done,
    left as they were: already hidden, or no open flag any more)."""
    handler = {"hide": post_hide, "dismiss": flags_dismiss}[action]
    done = 0
    for post in posts:
        try:
            handler(moderator=moderator, post=post)
        except CommunityError:
            continue
        done += 1
    return done, len(posts) - done
