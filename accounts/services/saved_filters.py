"""Saved filters: a staff member's own, named queries on a staff queue."""

from urllib.parse import urlencode

from django.db import transaction
from django.http import QueryDict

from accounts.models import SavedFilter, User
from accounts.saved_filters import QUERY_DROPPED, SAVED_FILTER_VIEWS


class SavedFilterError(ValueError):
    """The queue takes no saved filters, the user may not open it, or the
    filters are too long to keep once encoded."""


QUERY_MAX_LENGTH = SavedFilter._meta.get_field("query").max_length or 1000


def saved_filter_query_clean(query: str) -> str:
    """The query string re-encoded, without the page number or empty values."""
    params = QueryDict(query.lstrip("?"))
    pairs = [
        (key, value)
        for key, values in params.lists()
        if key not in QUERY_DROPPED
        for value in values
        if value
    ]
    return urlencode(pairs)


@transaction.atomic
def saved_filter_create(*, user: User, view: str, name: str, query: str) -> SavedFilter:
    """Save (or replace, by name) ``user``'s filter on the queue ``view``.

    Not audited: it changes nothing but the user's own view of a queue."""
    perm = SAVED_FILTER_VIEWS.get(view)
    if perm is None or not user.has_perm(perm):
        raise SavedFilterError(view)
    cleaned = saved_filter_query_clean(query)
    if len(cleaned) > QUERY_MAX_LENGTH:  # the form says so first; never truncate
        raise SavedFilterError(view)
    saved, _created = SavedFilter.objects.update_or_create(
        user=user,
        view=view,
        name=name.strip(),
        defaults={"query": cleaned},
    )
    return saved


def saved_filter_delete(*, saved_filter: SavedFilter) -> None:
    saved_filter.delete()
