"""Reads of shortlists, private to their owner."""

from __future__ import annotations

from django.db.models import (
    Count,
    QuerySet,
)

from accounts.models import User
from tools_catalog.models import (
    Shortlist,
    ShortlistItem,
)

# --- Shortlists (private to their owner) -------------------------------------


def shortlist_list(*, user: User) -> QuerySet[Shortlist]:
    return (
        Shortlist.objects.filter(owner=user).annotate(n=Count("items")).order_by("name")
    )


def shortlist_get(*, user: User, pk: int) -> Shortlist | None:
    return Shortlist.objects.filter(owner=user, pk=pk).first()


def shortlist_items(*, shortlist: Shortlist) -> QuerySet[ShortlistItem]:
    return shortlist.items.select_related("tool", "tool__provider").order_by(
        "tool__name"
    )


def shortlist_item_get(*, user: User, pk: int) -> ShortlistItem | None:
    item = (
        ShortlistItem.objects.filter(pk=pk, shortlist__owner=user)
        .select_related("tool", "shortlist")
        .first()
    )
    return item
