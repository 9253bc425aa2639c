"""Member actions: views, shortlists, reviews and their moderation, Q&A, adoption."""

from __future__ import annotations

from decimal import Decimal

from django.db import models, transaction
from django.db.models import Avg, Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import audit_event_record
from tools_catalog.audit import CatalogueAction
from tools_catalog.cache import tools_touch
from tools_catalog.models import (
    Adoption,
    Question,
    Review,
    Shortlist,
    ShortlistItem,
    Tool,
)
from tools_catalog.services.errors import ModerationError

# --- Member actions ----------------------------------------------------------


def tool_view_count(*, tool: Tool) -> None:
    Tool.objects.filter(pk=tool.pk).update(view_count=F("view_count") + 1)


def tools_compare_count(*, tools: list[Tool]) -> None:
    Tool.objects.filter(pk__in=[t.pk for t in tools]).update(
        compare_count=F("compare_count") + 1
    )


@transaction.atomic
def shortlist_create(*, owner: User, name: str) -> Shortlist:
    shortlist, _created = Shortlist.objects.get_or_create(
        owner=owner, name=name.strip()
    )
    return shortlist


@transaction.atomic
def shortlist_tool_add(
    *, shortlist: Shortlist, tool: Tool, note: str = ""
) -> ShortlistItem:
    """Add (or re-note) a tool; the shortlist-adds counter moves only on a new add."""
    item, created = ShortlistItem.objects.get_or_create(
        shortlist=shortlist, tool=tool, defaults={"note": note}
    )
    if created:
        Tool.objects.filter(pk=tool.pk).update(
            shortlist_add_count=F("shortlist_add_count") + 1
        )
    elif note and item.note != note:
        item.note = note
        item.save(update_fields=["note"])
    return item


@transaction.atomic
def shortlist_tool_save(
    *,
    owner: User,
    tool: Tool,
    shortlist: Shortlist | None,
    new_name: str = "",
    note: str = "",
) -> Shortlist:
    """Put the tool on one of the owner's shortlists, or on a new one called
    ``new_name``: the new shortlist and the tool on it, or neither."""
    if shortlist is None:
        shortlist = shortlist_create(owner=owner, name=new_name)
    shortlist_tool_add(shortlist=shortlist, tool=tool, note=note)
    return shortlist


def shortlist_item_remove(*, item: ShortlistItem) -> None:
    item.delete()


def shortlist_item_note_set(*, item: ShortlistItem, note: str) -> None:
    item.note = note
    item.save(update_fields=["note"])


def _tool_rating_refresh(*, tool: Tool) -> None:
    stats = Review.objects.filter(tool=tool, hidden=False, pending=False).aggregate(
        avg=Avg("rating"), n=Count("pk")
    )
    avg = stats["avg"]
    tools_touch(
        Tool.objects.filter(pk=tool.pk),
        rating_average=Decimal(str(round(avg, 2))) if avg is not None else None,
        rating_count=stats["n"],
    )


def _reviewer_trusted(*, author: User) -> bool:
    """Whether the member has a review that members can see: one a moderator
    approved, or written once they were trusted. A first review, or the next
    one after a moderator hid the only one, waits for a moderator."""
    return Review.objects.filter(author=author, hidden=False, pending=False).exists()


@transaction.atomic
def review_save(
    *, author: User, tool: Tool, rating: int, text: str, show_name: bool = False
) -> Review:
    """Create or edit the member's one review of the tool.

    A member's first review waits for a moderator (``pending``), as forums do for
    new members; once a moderator approved one, later reviews publish at once
    (and can still be hidden). Editing a review keeps it waiting or published.
    """
    values = {"rating": rating, "text": text, "show_name": show_name}
    review, _created = Review.objects.update_or_create(
        tool=tool,
        author=author,
        defaults=values,
        create_defaults={**values, "pending": not _reviewer_trusted(author=author)},
    )
    review.full_clean()
    _tool_rating_refresh(tool=tool)
    return review


@transaction.atomic
def review_approve(*, actor: User, review: Review) -> Review:
    """A moderator publishes a review that waited: members see it, it counts."""
    won = Review.objects.filter(pk=review.pk, pending=True, hidden=False).update(
        pending=False
    )
    if not won:
        raise ModerationError(_("This review is not waiting for a moderator."))
    review.pending = False
    _tool_rating_refresh(tool=review.tool)
    audit_event_record(
        actor=actor,
        action=CatalogueAction.REVIEW_APPROVED,
        target=review,
        before={"pending": True},
        after={"pending": False},
    )
    return review


@transaction.atomic
def review_hide(*, actor: User, review: Review) -> Review:
    """A moderator hides a review: it leaves the tool page and the rating average.

    Hiding a review that waits for a moderator is the decision not to publish it.
    """
    return _review_set_hidden(actor=actor, review=review, hidden=True)


@transaction.atomic
def review_restore(*, actor: User, review: Review) -> Review:
    """A moderator shows a hidden review again."""
    return _review_set_hidden(actor=actor, review=review, hidden=False)


class ModerationAction(models.TextChoices):
    APPROVE = "approve"
    RESTORE = "restore"
    HIDE = "hide"


def review_moderate(*, actor: User, review: Review, action: str) -> Review:
    """A moderator's action on a review: approve one that waits, restore a
    hidden one; anything else hides it (the safe default)."""
    if action == ModerationAction.APPROVE:
        return review_approve(actor=actor, review=review)
    if action == ModerationAction.RESTORE:
        return review_restore(actor=actor, review=review)
    return review_hide(actor=actor, review=review)


def _review_set_hidden(*, actor: User, review: Review, hidden: bool) -> Review:
    current = (
        Review.objects.select_for_update()
        .filter(pk=review.pk)
        .values("hidden", "pending")
        .first()
    )
    if current is None or current["hidden"] == hidden:
        raise ModerationError(
            _("This review is already hidden.")
            if hidden
            else _("This review is not hidden.")
        )
    Review.objects.filter(pk=review.pk).update(hidden=hidden, pending=False)
    review.hidden, review.pending = hidden, False
    _tool_rating_refresh(tool=review.tool)
    before: dict[str, bool] = {"hidden": not hidden}
    after: dict[str, bool] = {"hidden": hidden}
    if current["pending"]:
        before["pending"], after["pending"] = True, False
    audit_event_record(
        actor=actor,
        action=CatalogueAction.REVIEW_HIDDEN
        if hidden
        else CatalogueAction.REVIEW_RESTORED,
        target=review,
        before=before,
        after=after,
    )
    return review


@transaction.atomic
def question_ask(*, author: User, tool: Tool, text: str) -> Question:
    question = Question(tool=tool, author=author, text=text)
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_answer(*, actor: User, question: Question, answer: str) -> Question:
    """The caller checked that ``actor`` represents the tool's provider."""
    question.answer = answer
    question.answered_at = timezone.now()
    question.full_clean()
    question.save(update_fields=["answer", "answered_at"])
    return question


@transaction.atomic
def adoption_set(*, member: User, tool: Tool, status: str) -> Adoption | None:
    """Record the member's agency status with the tool; an empty status clears it."""
    if not status:
        Adoption.objects.filter(tool=tool, member=member).delete()
        return None
    adoption, _created = Adoption.objects.update_or_create(
        tool=tool, member=member, defaults={"status": Adoption.Status(status)}
    )
    return adoption
