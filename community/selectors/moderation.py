"""Reads of the moderation queue: flags, suspensions, hidden posts."""

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, QuerySet, Subquery

from accounts.models import User
from community.models import Flag, Post, Suspension, Topic


def flagged_post_list() -> QuerySet[Post]:
    """Posts with at least one open flag, the most recently flagged first, each
    with ``open_flag_count``, ``last_flagged_at`` and its ``open_flags``.

    Not ``filter(flags__resolved_at__isnull=True)``: through the LEFT JOIN of a
    reverse relation that also matches every post with no flag at all.
    """
    open_flags = Flag.objects.filter(resolved_at__isnull=True)
    mine = open_flags.filter(post=OuterRef("pk")).order_by().values("post")
    return (
        Post.objects.filter(Exists(mine))
        .annotate(
            open_flag_count=Subquery(mine.annotate(n=Count("pk")).values("n")),
            last_flagged_at=Subquery(
                mine.annotate(last=Max("created_at")).values("last")
            ),
        )
        .select_related("topic", "topic__category", "author")
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=open_flags.select_related("reporter").order_by("-created_at"),
                to_attr="open_flags",
            )
        )
        .order_by("-last_flagged_at", "-pk")
    )


def suspension_list() -> QuerySet[Suspension]:
    return Suspension.objects.select_related("user", "created_by", "lifted_by")


def hidden_post_list() -> QuerySet[Post]:
    return (
        Post.objects.filter(is_hidden=True)
        .select_related("topic", "author")
        .order_by("-created_at")
    )


def post_for_moderation_get(*, pk: int) -> Post | None:
    """Any post, hidden or not, in any category: for moderators."""
    return Post.objects.select_related("topic", "topic__category").filter(pk=pk).first()


def topic_for_moderation_get(*, pk: int) -> Topic | None:
    return Topic.objects.select_related("category").filter(pk=pk).first()


def suspension_get(*, pk: int) -> Suspension | None:
    return Suspension.objects.select_related("user").filter(pk=pk).first()


def member_by_email_get(*, email: str) -> User | None:
    """The account with this email address (any case), for a suspension."""
    return User.objects.filter(email__iexact=email).first()


# The moderation queue's tabs: what needs a moderator first.
MODERATION_QUEUES = ("flagged", "hidden")
# The flagged tab's sorts: ``sort=<key>`` or ``sort=-<key>``; the key breaks ties.
MODERATION_SORTS = {"flagged": "last_flagged_at", "flags": "open_flag_count"}


def moderation_queue_counts() -> dict[str, int]:
    """How many posts each tab of the moderation queue lists."""
    return {
        "flagged": flagged_post_list().count(),
        "hidden": hidden_post_list().count(),
    }


def moderation_sort_parse(sort: str | None) -> tuple[str, bool]:
    """(column key, descending) of a ``sort`` value; newest flag first when the
    key is unknown. The list's order and the marked column both come from it."""
    key = (sort or "").removeprefix("-")
    if key not in MODERATION_SORTS:
        return "flagged", True
    return key, bool(sort and sort.startswith("-"))


def flagged_post_list_sorted(*, sort: str | None) -> QuerySet[Post]:
    """``flagged_post_list`` in a whitelisted order (``moderation_sort_parse``)."""
    key, descending = moderation_sort_parse(sort)
    prefix = "-" if descending else ""
    return flagged_post_list().order_by(
        f"{prefix}{MODERATION_SORTS[key]}", f"{prefix}pk"
    )
