"""Who may open the tools_catalog pages: rows of the authorization matrix
(written as tests/access_statuses.py describes)."""

from typing import Any

from tests.access_statuses import (
    BAD_REQUEST,
    FORBIDDEN,
    FOUND,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
)
from tests.tools_catalog.factories import ProviderFactory, ToolFactory


def _tool(user: Any) -> dict[str, Any]:
    return {"slug": ToolFactory().slug}


def _own_tool(user: Any) -> dict[str, Any]:
    """The provider's own listing when the persona is a provider; else someone's."""
    reps = [user] if user is not None else []
    return {"pk": ToolFactory(provider=ProviderFactory(representatives=reps)).pk}


def _others_tool(user: Any) -> dict[str, Any]:
    return {"pk": ToolFactory().pk}


def _shortlist(user: Any) -> dict[str, Any]:
    from tools_catalog.models import Shortlist

    if user is None:
        return {"pk": 999999}
    return {"pk": Shortlist.objects.create(owner=user, name="Mine").pk}


def _listing_review(user: Any) -> dict[str, Any]:
    from tools_catalog.models import Tool

    return {"kind": "tool", "pk": ToolFactory(status=Tool.Status.SUBMITTED).pk}


def _question(user: Any) -> dict[str, Any]:
    from accounts.roles import Role
    from tests.accounts.factories import UserFactory
    from tools_catalog.models import Question

    reps = [user] if user is not None else []
    tool = ToolFactory(provider=ProviderFactory(representatives=reps))
    asker = UserFactory(role=Role.MEMBER)
    return {"pk": Question.objects.create(tool=tool, author=asker, text="How?").pk}


def _review(user: Any) -> dict[str, Any]:
    """A member's review of a published tool (moderators hide it on POST)."""
    from accounts.roles import Role
    from tests.accounts.factories import UserFactory
    from tools_catalog.models import Review

    author = UserFactory(role=Role.MEMBER)
    review = Review.objects.create(
        tool=ToolFactory(), author=author, rating=3, text="Fine"
    )
    return {"pk": review.pk}


# fmt: off
MATRIX = {
    "tools_catalog:tool-list":    (FOUND, FOUND, OK,        FORBIDDEN, OK,        OK,        OK,        OK),
    # No tools given: a clear 400 page for those who may compare.
    "tools_catalog:tool-compare": (FOUND, FOUND, BAD_REQUEST, FORBIDDEN, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST),
    # The compare tray takes POSTs only (members and staff with member access).
    "tools_catalog:compare-tray": (FOUND, FOUND, NOT_ALLOWED, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "tools_catalog:tool-detail":  (FOUND, FOUND, OK,        FORBIDDEN, OK,        OK,        OK,        OK),
    "tools_catalog:tool-review":  (FOUND, FOUND, NOT_ALLOWED, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "tools_catalog:tool-question": (FOUND, FOUND, NOT_ALLOWED, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "tools_catalog:tool-adoption": (FOUND, FOUND, NOT_ALLOWED, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "tools_catalog:tool-shortlist": (FOUND, FOUND, NOT_ALLOWED, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "tools_catalog:shortlist-list": (FOUND, FOUND, OK,      FORBIDDEN, OK,        OK,        OK,        OK),
    # Each persona opens their own shortlist (anonymous: a non-existent one).
    "tools_catalog:shortlist-detail": (FOUND, FOUND, OK,    FORBIDDEN, OK,        OK,        OK,        OK),
    "tools_catalog:shortlist-item": (FOUND, FOUND, NOT_ALLOWED, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    "tools_catalog:review-moderate": (FOUND, FOUND, NOT_ALLOWED, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    # Members' first reviews waiting: moderators and catalogue editors only.
    "tools_catalog:review-moderation-queue": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK,   FORBIDDEN),
    "tools_catalog:provider-portal": (FOUND, FOUND, FORBIDDEN, OK,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    # A provider without an organisation cannot create a listing: 404.
    "tools_catalog:provider-tool-create": (FOUND, FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    # The persona's own organisation's listing.
    "tools_catalog:provider-tool-edit": (FOUND, FOUND, FORBIDDEN, OK,  FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "tools_catalog:provider-tool-submit": (FOUND, FOUND, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "tools_catalog:provider-tool-withdraw": (FOUND, FOUND, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "tools_catalog:provider-tool-archive": (FOUND, FOUND, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "tools_catalog:provider-question-answer": (FOUND, FOUND, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "tools_catalog:review-queue": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN, FORBIDDEN),
    "tools_catalog:listing-review": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,      FORBIDDEN, FORBIDDEN),
}
POST_MATRIX = {
    # Nothing ticked: back to the catalogue with a message; providers never.
    "tools_catalog:compare-tray": (FOUND, FOUND, FOUND, FORBIDDEN, FOUND, FOUND, FOUND, FOUND),
    # Only moderators and catalogue editors hide reviews; others get 403.
    "tools_catalog:review-moderate": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FOUND, FOUND, FORBIDDEN),
    # Their own listing: archived, back to the edit page.
    "tools_catalog:provider-tool-archive": (FOUND, FOUND, FORBIDDEN, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    # Another organisation's listing: 404, never a change.
    "tools_catalog:provider-tool-withdraw": (FOUND, FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    # Another organisation's listing: 404 for a provider, never a change.
    "tools_catalog:provider-tool-submit": (FOUND, FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    # Their own organisation's question; an empty answer is refused with a message.
    "tools_catalog:provider-question-answer": (FOUND, FOUND, FORBIDDEN, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
}
# fmt: on
URL_KWARGS = {
    "tools_catalog:tool-detail": _tool,
    "tools_catalog:tool-review": _tool,
    "tools_catalog:tool-question": _tool,
    "tools_catalog:tool-adoption": _tool,
    "tools_catalog:tool-shortlist": _tool,
    "tools_catalog:shortlist-detail": _shortlist,
    "tools_catalog:shortlist-item": {"pk": 999999},
    "tools_catalog:provider-tool-edit": _own_tool,
    "tools_catalog:provider-tool-submit": _others_tool,
    "tools_catalog:provider-tool-withdraw": _others_tool,
    "tools_catalog:provider-tool-archive": _own_tool,
    "tools_catalog:review-moderate": _review,
    "tools_catalog:provider-question-answer": _question,
    "tools_catalog:listing-review": _listing_review,
}
POST_DATA: dict = {}
_ = (FORBIDDEN, FOUND, NOT_ALLOWED, NOT_FOUND, OK)
