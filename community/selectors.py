"""Reads of the community app: every visibility rule lives here."""

import operator
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from functools import reduce
from typing import overload

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    Func,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from accounts.models import User
from accounts.roles import Perm, Role
from accounts.selectors import user_list_with_capability
from community.models import (
    SEARCH_CONFIG,
    Audience,
    Block,
    Category,
    ContactRequest,
    ContactStatus,
    Event,
    Flag,
    MemberProfile,
    Post,
    Registration,
    RegistrationStatus,
    Subscription,
    Suspension,
    Topic,
    TopicRead,
)
from learning_centre.models import Stage


def audiences_for(*, user: User) -> list[str]:
    if user.has_perm(Perm.MODERATE_COMMUNITY):
        return list(Audience.values)
    if user.has_perm(Perm.VIEW_DASHBOARD):  # every staff role
        return [Audience.MEMBERS, Audience.STAFF]
    return [Audience.MEMBERS]


# --- Forums -------------------------------------------------------------------


def category_list(*, user: User) -> QuerySet[Category]:
    return Category.objects.filter(
        audience__in=audiences_for(user=user)
    ).select_related("stage")


def category_for_stage(*, stage: Stage) -> Category | None:
    """The members' forum of a workflow stage (contract with learning_centre)."""
    return (
        Category.objects.filter(stage=stage, audience=Audience.MEMBERS)
        .order_by("position", "pk")
        .first()
    )


def topic_list(
    *, user: User, category: Category | None = None, include_hidden: bool = False
) -> QuerySet[Topic]:
    """Visible topics with the viewer's last reading time, for unread markers.

    ``include_hidden`` adds hidden topics for moderators only (with the id of the
    opening post, which restores them); members never get them.
    """
    topics = Topic.objects.filter(category__audience__in=audiences_for(user=user))
    if include_hidden and user.has_perm(Perm.MODERATE_COMMUNITY):
        opening = Post.objects.filter(topic=OuterRef("pk"), is_first=True)
        topics = topics.annotate(opening_post_id=Subquery(opening.values("pk")[:1]))
    else:
        topics = topics.filter(is_hidden=False)
    if category is not None:
        topics = topics.filter(category=category)
    read_at = TopicRead.objects.filter(user=user, topic=OuterRef("pk")).values(
        "last_read_at"
    )[:1]
    return topics.select_related("author", "category").annotate(
        read_at=Subquery(read_at)
    )


def topic_for_user(*, user: User, pk: int) -> Topic | None:
    """A topic the user may open; moderators also reach hidden ones."""
    topics = Topic.objects.filter(
        category__audience__in=audiences_for(user=user)
    ).select_related("category", "author")
    if not user.has_perm(Perm.MODERATE_COMMUNITY):
        topics = topics.filter(is_hidden=False)
    return topics.filter(pk=pk).first()


def post_list(*, user: User, topic: Topic) -> QuerySet[Post]:
    posts = Post.objects.filter(topic=topic).select_related("author")
    if not user.has_perm(Perm.MODERATE_COMMUNITY):
        posts = posts.filter(is_hidden=False)
    return posts.order_by("created_at", "pk")


def post_for_user(*, user: User, pk: int) -> Post | None:
    posts = Post.objects.filter(
        topic__category__audience__in=audiences_for(user=user)
    ).select_related("topic", "topic__category", "author")
    if not user.has_perm(Perm.MODERATE_COMMUNITY):
        posts = posts.filter(is_hidden=False, topic__is_hidden=False)
    return posts.filter(pk=pk).first()


def topic_is_subscribed(*, user: User, topic: Topic) -> bool:
    return Subscription.objects.filter(
        Q(topic=topic) | Q(category_id=topic.category_id), user=user
    ).exists()


def category_is_subscribed(*, user: User, category: Category) -> bool:
    return Subscription.objects.filter(user=user, category=category).exists()


# Separators and websearch operators: what is left of a token is a search word.
TOKENS = re.compile(r"[^\s\"()]+")
WORDS = re.compile(r"\w+")


class _TsConcat(Func):
    """``a || b`` of two tsvectors: the title read before a post's text."""

    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = SearchVectorField()


class _EqualsAny(Func):
    """``a = ANY(ARRAY(subquery))``: the subquery runs once, first, and its ids
    are an index condition (PostgreSQL can OR it with a GIN bitmap scan), where
    ``IN (subquery)`` may become a join driven by scanning the outer table."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s))"
    output_field = BooleanField()


class TopicSearchResults:
    """Ranked search results: narrow (topic id, rank) rows, ranked once per
    request, and only the sliced page's topics loaded (one query, with the
    viewer's reading time), in rank order, each with a ``rank`` attribute.
    Paginator-friendly (``count()`` and slicing share the ranking)."""

    def __init__(
        self, *, rank: Callable[[], list[tuple[int, float]]], topics: QuerySet[Topic]
    ) -> None:
        self._rank = rank
        self._ranked: list[tuple[int, float]] | None = None
        self.topics = topics

    @property
    def ranked(self) -> list[tuple[int, float]]:
        if self._ranked is None:
            self._ranked = self._rank()
        return self._ranked

    def count(self) -> int:
        return len(self.ranked)

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> Topic: ...

    @overload
    def __getitem__(self, index: slice) -> list[Topic]: ...

    def __getitem__(self, index: int | slice) -> Topic | list[Topic]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        rows = self.ranked[index]
        topics = self.topics.order_by().in_bulk([pk for pk, _rank in rows])
        page = []
        for pk, rank in rows:
            if (topic := topics.get(pk)) is not None:
                topic.rank = rank  # type: ignore[attr-defined]
                page.append(topic)
        return page

    def __iter__(self) -> Iterator[Topic]:
        return iter(self[:])


def forum_search(*, user: User, query: str) -> QuerySet[Topic] | TopicSearchResults:
    """Visible topics whose title and one visible post, read together, match.

    "Read together" means the title followed by the post's text: every word of
    ``cloud warrant`` may be in either, ``triage -video`` excludes a topic whose
    title or post mentions video; so a matching title is enough (with a visible
    post free of excluded words) and so is a matching post (under a title free
    of them). Hidden posts and hidden topics never match.

    PostgreSQL: websearch syntax (quotes, ``or``, ``-``) on the stored vectors
    of migration 0003 (GIN-indexed), ranked by the best title-plus-post pair
    (title weight A, text weight B), then newest first. SQLite: every word must
    appear in the title or in one visible post, newest first.
    """
    if connection.vendor == "postgresql":
        return _forum_search_fts(user=user, query=query)
    condition = Q()
    for word in query.split()[:10]:
        matching_posts = Post.objects.filter(
            topic=OuterRef("pk"), is_hidden=False, body__icontains=word
        )
        condition &= Q(title__icontains=word) | Q(Exists(matching_posts))
    return topic_list(user=user).filter(condition).order_by("-last_post_at")


def _search_words(query: str) -> list[str]:
    """Each word of the query, for the any-word pre-filter: websearch tokens
    without their operators, and their ``\\w+`` pieces (the parser may split
    ``e-mail`` or keep ``1.5`` whole: both are covered)."""
    tokens = [t.strip("-") for t in TOKENS.findall(query)]
    pieces = [w for t in tokens for w in WORDS.findall(t)]
    words = (w for w in (*tokens, *pieces) if w and w.lower() != "or")
    return list(dict.fromkeys(words))[:20]


def _forum_search_fts(*, user: User, query: str) -> TopicSearchResults:
    """Pairs (topic, visible post) match when ``title || text`` matches.

    The posts holding one of the query's words are found by the post GIN
    index; each is checked and ranked with its title on the stored vectors, in
    one grouped pass over narrow rows (best pair per topic). A post holding
    none of the words adds nothing to its title, so its pair matches exactly
    when the title alone does: those topics come from the topic GIN index
    (ranked by the title) when one of their visible posts lacks every word.
    Nothing is parsed per row; only the page's topics are loaded.
    """
    from django.contrib.postgres.search import SearchQuery, SearchRank

    words = _search_words(query)
    if not words:
        return TopicSearchResults(rank=list, topics=Topic.objects.none())
    search = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    any_word = reduce(
        operator.or_, (SearchQuery(word, config=SEARCH_CONFIG) for word in words)
    )
    audiences = audiences_for(user=user)
    pair = _TsConcat(F("topic__search_vector"), F("search_vector"))
    by_post = (
        Post.objects.filter(
            search_vector=any_word,
            is_hidden=False,
            topic__is_hidden=False,
            topic__category__audience__in=audiences,
        )
        .alias(pair=pair)
        .filter(pair=search)
        .order_by()
        .values_list("topic", "topic__last_post_at")
        .annotate(rank=Max(SearchRank(pair, search)))
    )
    wordless_post = Post.objects.filter(topic=OuterRef("pk"), is_hidden=False).exclude(
        search_vector=any_word
    )
    # any_word too, so that a query of exclusions only ("-video") matches nothing.
    by_title = (
        Topic.objects.filter(search_vector=any_word)
        .filter(
            search_vector=search,
            is_hidden=False,
            category__audience__in=audiences,
        )
        .filter(Exists(wordless_post))
        .order_by()
        .values_list("pk", "last_post_at")
        .annotate(rank=SearchRank(F("search_vector"), search))
    )

    def rank() -> list[tuple[int, float]]:
        best: dict[int, tuple[float, datetime]] = {}
        for pk, last_post_at, score in (*by_post, *by_title):
            if pk not in best or score > best[pk][0]:
                best[pk] = (score, last_post_at)
        order = sorted(
            best.items(),
            key=lambda item: (item[1][0], item[1][1], item[0]),
            reverse=True,
        )
        return [(pk, score) for pk, (score, _last) in order]

    return TopicSearchResults(rank=rank, topics=topic_list(user=user))


def member_may_post(*, user: User) -> bool:
    return not Suspension.objects.filter(user=user, lifted_at__isnull=True).exists()


# --- Moderation ---------------------------------------------------------------


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


# --- Directory ----------------------------------------------------------------

WILDCARDS = re.compile(r"[%_*?\\]")


def directory_clean_query(query: str) -> str:
    """The query without wildcard characters and surplus spaces."""
    return " ".join(WILDCARDS.sub(" ", query).split())


def _blocked_ids(user: User) -> QuerySet[Block]:
    return Block.objects.filter(Q(blocker=user) | Q(blocked=user))


def _members_only() -> Q:
    """Profiles of people who hold the member capability now, and are not
    providers: a paused or revoked member, or a provider, is never listed."""
    members = user_list_with_capability(perm=Perm.USE_MEMBER_AREA).filter(
        pk=OuterRef("user")
    )
    providers = User.objects.filter(pk=OuterRef("user"), groups__name=Role.PROVIDER)
    return Q(Exists(members)) & ~Q(Exists(providers))


def directory_profiles(*, viewer: User) -> QuerySet[MemberProfile]:
    """Listed profiles of members the viewer may see (no blocks either way).

    Contact requests go only to these (``directory_profile``), so a member who
    lost the member capability receives none.
    """
    blocked_by = Block.objects.filter(blocker=OuterRef("user"), blocked=viewer)
    blocking = Block.objects.filter(blocker=viewer, blocked=OuterRef("user"))
    return (
        MemberProfile.objects.filter(listed=True)
        .filter(_members_only())
        .exclude(user=viewer)
        .exclude(Exists(blocked_by))
        .exclude(Exists(blocking))
        .select_related("user")
        .prefetch_related("expertise")
    )


def directory_search(
    *, viewer: User, query: str, country: str = "", stage: Stage | None = None
) -> QuerySet[MemberProfile]:
    """Only fields the member chose to show are searched, so nothing hidden leaks."""
    profiles = directory_profiles(viewer=viewer)
    if query:
        words = Q()
        for word in query.split():
            words &= (
                Q(user__show_name=True, user__full_name__icontains=word)
                | Q(show_agency=True, agency__icontains=word)
                | Q(show_unit=True, unit__icontains=word)
                | Q(show_role=True, role_title__icontains=word)
                | Q(show_languages=True, languages__icontains=word)
            )
        profiles = profiles.filter(words)
    if country:
        profiles = profiles.filter(show_country=True, country=country)
    if stage is not None:
        profiles = profiles.filter(show_expertise=True, expertise=stage)
    # A random order key: sorting by name would place hidden names too.
    return profiles.order_by("public_id").distinct()


def directory_profile(*, viewer: User, public_id: str) -> MemberProfile | None:
    return directory_profiles(viewer=viewer).filter(public_id=public_id).first()


def member_may_receive_contact(*, user: User) -> bool:
    """Whether ``user`` is listed and still a member: no other contact requests."""
    return (
        MemberProfile.objects.filter(user=user, listed=True)
        .filter(_members_only())
        .exists()
    )


def contact_requests_received(*, user: User) -> QuerySet[ContactRequest]:
    return (
        ContactRequest.objects.filter(recipient=user)
        .exclude(Exists(Block.objects.filter(blocker=user, blocked=OuterRef("sender"))))
        .select_related("sender", "sender__community_profile")
    )


def contact_requests_sent(*, user: User) -> QuerySet[ContactRequest]:
    return ContactRequest.objects.filter(sender=user).select_related(
        "recipient", "recipient__community_profile"
    )


def contacts_accepted(*, user: User) -> list[tuple[User, str]]:
    """People who accepted, or whose request was accepted: (user, contact details).

    The details are what they wrote to be shown to contacts; their account's
    email address is not part of them, and their name follows ``User.show_name``.
    """
    requests = (
        ContactRequest.objects.filter(
            Q(sender=user) | Q(recipient=user), status=ContactStatus.ACCEPTED
        )
        .select_related(
            "sender",
            "recipient",
            "sender__community_profile",
            "recipient__community_profile",
        )
        .order_by("-answered_at")
    )
    blocked = set(_blocked_ids(user).values_list("blocker_id", flat=True)) | set(
        _blocked_ids(user).values_list("blocked_id", flat=True)
    )
    people = []
    for request in requests:
        other = request.recipient if request.sender_id == user.pk else request.sender
        if other.pk in blocked or not other.is_active:
            continue
        profile = getattr(other, "community_profile", None)
        people.append((other, profile.contact_details if profile else ""))
    return people


def block_list(*, user: User) -> QuerySet[Block]:
    return Block.objects.filter(blocker=user).select_related("blocked")


# --- Events -------------------------------------------------------------------


def event_list(*, user: User, past: bool = False) -> QuerySet[Event]:
    events = (
        Event.objects.past().order_by("-starts_at")
        if past
        else Event.objects.upcoming()
    )
    mine = Registration.objects.filter(event=OuterRef("pk"), user=user).exclude(
        status=RegistrationStatus.CANCELLED
    )
    return events.annotate(
        my_status=Subquery(mine.values("status")[:1]),
    )


def event_for_user(*, slug: str) -> Event | None:
    return Event.objects.filter(slug=slug).first()


def registration_for(*, user: User, event: Event) -> Registration | None:
    return (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def event_places_taken(*, event: Event) -> int:
    return Registration.objects.filter(
        event=event, status=RegistrationStatus.REGISTERED
    ).count()


def waitlist_position(*, registration: Registration) -> int:
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=RegistrationStatus.WAITLISTED,
            queued_at__lt=registration.queued_at,
        ).count()
        + 1
    )


def event_attendees(*, event: Event) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event).select_related("user")


def calendar_events_for_token(*, token: str) -> tuple[User, QuerySet[Event]] | None:
    profile = (
        MemberProfile.objects.filter(calendar_token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    if profile is None or not token:
        return None
    user = profile.user
    if not user.has_perm(Perm.USE_MEMBER_AREA):
        return None
    since = timezone.now() - timedelta(days=90)
    events = Event.objects.filter(
        registrations__user=user,
        registrations__status=RegistrationStatus.REGISTERED,
        ends_at__gte=since,
    ).order_by("starts_at")
    return user, events
