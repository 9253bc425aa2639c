"""Revisions of published listings and the editors' decisions on them."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import audit_event_record
from outbox.services import outbox_enqueue
from tools_catalog.audit import CatalogueAction
from tools_catalog.cache import tools_touch
from tools_catalog.models import (
    OPEN_REVISION_STATUSES,
    ListingRevision,
    Tool,
)
from tools_catalog.services.errors import ListingError
from tools_catalog.services.listings import (
    LISTING_M2M_FIELDS,
    LISTING_TEXT_FIELDS,
    listing_values_from_form,
    tool_draft_update,
    tool_snapshot,
    tool_values_apply,
    tool_withdraw,
)
from tools_catalog.tasks import send_listing_decision_email


@transaction.atomic
def revision_submit(
    *, actor: User, tool: Tool, cleaned: dict[str, Any]
) -> ListingRevision:
    """Propose new values for a published listing; the live listing is untouched.

    An open revision (submitted or sent back) is updated and resubmitted, so a
    listing has at most one revision waiting.
    """
    tool = Tool.objects.select_for_update().get(pk=tool.pk)
    if tool.status != Tool.Status.PUBLISHED:
        raise ListingError(_("Only a published listing is changed through a revision."))
    proposed = listing_values_from_form(cleaned)
    current = tool_snapshot(tool=tool)
    if all(current.get(k) == v for k, v in proposed.items()):
        raise ListingError(
            _("Nothing changed: the revision would be identical to the listing.")
        )
    revision = tool.revisions.filter(status__in=OPEN_REVISION_STATUSES).first()
    if revision is not None and revision.status == ListingRevision.Status.SUBMITTED:
        # The editor may be reading it: what they decide must be what they saw.
        raise ListingError(
            _(
                "Your changes cannot be edited while an editor reviews them. "
                "Withdraw them first to change them."
            )
        )
    if revision is None:
        revision = ListingRevision(tool=tool, created_by=actor)
    revision.proposed = proposed
    revision.status = ListingRevision.Status.SUBMITTED
    revision.submitted_at = timezone.now()
    revision.save()
    audit_event_record(
        actor=actor,
        action=CatalogueAction.REVISION_SUBMITTED,
        target=tool,
        before=current,
        after=proposed,
    )
    return revision


@transaction.atomic
def revision_withdraw(*, actor: User, tool: Tool) -> ListingRevision:
    """The provider takes back the changes they proposed to a published listing
    (waiting for an editor or sent back); the live listing stays as it is."""
    revision = (
        ListingRevision.objects.select_for_update()
        .filter(tool=tool, status__in=OPEN_REVISION_STATUSES)
        .first()
    )
    if revision is None:
        raise ListingError(_("There are no changes waiting to withdraw."))
    before_status = revision.status
    revision.status = ListingRevision.Status.WITHDRAWN
    revision.save(update_fields=["status"])
    audit_event_record(
        actor=actor,
        action=CatalogueAction.REVISION_WITHDRAWN,
        target=tool,
        before={"revision": revision.pk, "status": before_status},
        after={"revision": revision.pk, "status": revision.status},
    )
    return revision


def listing_diff(
    *, before: dict[str, Any], after: dict[str, Any]
) -> list[dict[str, Any]]:
    """Field-by-field differences, in listing field order."""
    rows = []
    for field in (*LISTING_TEXT_FIELDS, *LISTING_M2M_FIELDS):
        if field not in after:
            continue
        old, new = before.get(field), after.get(field)
        if old != new:
            rows.append({"field": field, "before": old, "after": new})
    return rows


class Decision(models.TextChoices):
    APPROVE = "approve", "approve"
    REQUEST_CHANGES = "request_changes", "request_changes"
    REJECT = "reject", "reject"


_REVISION_STATUS = {
    Decision.APPROVE: ListingRevision.Status.APPROVED,
    Decision.REQUEST_CHANGES: ListingRevision.Status.CHANGES_REQUESTED,
    Decision.REJECT: ListingRevision.Status.REJECTED,
}
_DECISION_ACTIONS = {
    Decision.APPROVE: CatalogueAction.LISTING_APPROVED,
    Decision.REQUEST_CHANGES: CatalogueAction.LISTING_CHANGES_REQUESTED,
    Decision.REJECT: CatalogueAction.LISTING_REJECTED,
}


def _notify_representatives(*, tool: Tool, decision: str, key: str) -> None:
    for user_id in tool.provider.representatives.values_list("pk", flat=True):
        outbox_enqueue(
            send_listing_decision_email,
            dedupe_key=f"listing-decision:{key}:{user_id}",
            tool_id=tool.pk,
            user_id=user_id,
            decision=decision,
            key=key,
        )


@transaction.atomic
def listing_decide(
    *, actor: User, tool: Tool, decision: str, comment: str = ""
) -> Tool:
    """An editor's decision on a submitted new listing."""
    decision = Decision(decision)
    if decision == Decision.REQUEST_CHANGES and not comment.strip():
        raise ListingError(_("Say what needs to change."))
    new_status = {
        Decision.APPROVE: Tool.Status.PUBLISHED,
        Decision.REQUEST_CHANGES: Tool.Status.CHANGES_REQUESTED,
        Decision.REJECT: Tool.Status.REJECTED,
    }[decision]
    # updated_at moves with every change the browse page shows (its caches key on it).
    updates: dict[str, Any] = {"status": new_status, "updated_at": timezone.now()}
    if decision == Decision.APPROVE:
        updates["last_vetted_on"] = timezone.localdate()
    won = Tool.objects.filter(pk=tool.pk, status=Tool.Status.SUBMITTED).update(
        **updates
    )
    if not won:
        raise ListingError(_("This listing is no longer waiting for a decision."))
    tool.refresh_from_db()
    audit_event_record(
        actor=actor,
        action=_DECISION_ACTIONS[decision],
        target=tool,
        before={"status": Tool.Status.SUBMITTED},
        after={"status": new_status, "comment": comment},
    )
    # The decision is kept as a closed revision: the provider reads its comment.
    record = ListingRevision.objects.create(
        tool=tool,
        proposed=tool_snapshot(tool=tool),
        status=_REVISION_STATUS[decision],
        created_by=actor,
        submitted_at=timezone.now(),
        decided_by=actor,
        decided_at=timezone.now(),
        editor_comment=comment,
    )
    _notify_representatives(tool=tool, decision=decision, key=f"revision:{record.pk}")
    return tool


@transaction.atomic
def revision_decide(
    *, actor: User, revision: ListingRevision, decision: str, comment: str = ""
) -> ListingRevision:
    """An editor's decision on a revision; only approval changes the live listing."""
    decision = Decision(decision)
    if decision == Decision.REQUEST_CHANGES and not comment.strip():
        raise ListingError(_("Say what needs to change."))
    revision = ListingRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != ListingRevision.Status.SUBMITTED:
        raise ListingError(_("This revision is no longer waiting for a decision."))
    tool = Tool.objects.select_for_update().get(pk=revision.tool_id)
    before = tool_snapshot(tool=tool)
    revision.status = _REVISION_STATUS[decision]
    revision.decided_by = actor
    revision.decided_at = timezone.now()
    revision.editor_comment = comment
    revision.save()
    if decision == Decision.APPROVE:
        tool_values_apply(tool=tool, values=revision.proposed)
        tools_touch(
            Tool.objects.filter(pk=tool.pk), last_vetted_on=timezone.localdate()
        )
    audit_event_record(
        actor=actor,
        action=_DECISION_ACTIONS[decision],
        target=tool,
        before=before,
        after={
            "revision": revision.pk,
            "status": revision.status,
            "comment": comment,
            **(tool_snapshot(tool=tool) if decision == Decision.APPROVE else {}),
        },
    )
    _notify_representatives(tool=tool, decision=decision, key=f"revision:{revision.pk}")
    return revision


@transaction.atomic
def listing_save(
    *, actor: User, tool: Tool, cleaned: dict[str, Any]
) -> ListingRevision | None:
    """A provider saves their listing. A published listing's changes go to the
    editors as a revision (returned) and the live listing is untouched; a draft
    or a listing sent back is saved as it is (None)."""
    if tool.status == Tool.Status.PUBLISHED:
        return revision_submit(actor=actor, tool=tool, cleaned=cleaned)
    tool_draft_update(actor=actor, tool=tool, cleaned=cleaned)
    return None


@transaction.atomic
def listing_withdraw(*, actor: User, tool: Tool) -> ListingRevision | None:
    """A published listing's proposed changes are withdrawn (returned; it stays
    live as it is); a listing waiting for review becomes a draft again (None)."""
    if tool.status == Tool.Status.PUBLISHED:
        return revision_withdraw(actor=actor, tool=tool)
    tool_withdraw(actor=actor, tool=tool)
    return None


def decision_record(
    *,
    actor: User,
    tool: Tool,
    revision: ListingRevision | None,
    decision: str,
    comment: str = "",
) -> None:
    """An editor decides a new listing, or a revision of a published one."""
    if revision is None:
        listing_decide(actor=actor, tool=tool, decision=decision, comment=comment)
    else:
        revision_decide(
            actor=actor, revision=revision, decision=decision, comment=comment
        )
