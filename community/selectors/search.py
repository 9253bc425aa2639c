"""Forum search: full-text on PostgreSQL, word by word on SQLite."""

import operator
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import reduce
from typing import overload

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import (
    Exists,
    F,
    Func,
    Max,
    OuterRef,
    Q,
    QuerySet,
)

from accounts.models import User
from community.models import SEARCH_CONFIG, Post, Topic
from community.selectors.forums import audiences_for, topic_list

# Separators and websearch operators: what is left of a token is a search word.
TOKENS = re.compile(r"[^\s\"()]+")
WORDS = re.compile(r"\w+")


class _TsConcat(Func):
    """``a || b`` of two tsvectors: the title read before a post's text."""

    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = SearchVectorField()


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
