"""Writes of the catalogue: validate, save, audit, enqueue on commit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Avg, Count, F, TextField, Value
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import audit_event_record
from learning_centre.models import Stage
from outbox.services import outbox_enqueue
from tools_catalog.audit import CatalogueAction
from tools_catalog.models import (
    OPEN_REVISION_STATUSES,
    Adoption,
    Capability,
    DataType,
    DeploymentMode,
    Integration,
    ListingRevision,
    Provider,
    Question,
    Review,
    Shortlist,
    ShortlistItem,
    SupportedLanguage,
    Tool,
)
from tools_catalog.selectors import provider_named
from tools_catalog.versioning import catalogue_version_forget


class ListingError(Exception):
    """An illegal listing transition; the message is shown to the user."""


class TermMergeError(Exception):
    """An illegal merge of vocabulary terms; the message is shown to the editor."""


class ModerationError(Exception):
    """An illegal review moderation (hiding a hidden review); shown to the user."""


class ProviderNameTakenError(Exception):
    """An organisation of that name is on the Hub already: nobody joins it by
    naming it (onboarding files a join request that staff sign off instead)."""

    def __init__(self, provider: Provider) -> None:
        super().__init__(f"An organisation called {provider.name!r} exists already.")
        self.provider = provider


# Fields a provider proposes and an editor approves. M2M values are lists of
# slugs (stage keys for stages).
LISTING_TEXT_FIELDS: tuple[str, ...] = (
    "name",
    "summary",
    "description",
    "website",
    "deployment_notes",
    "data_leaves_premises",
    "cost_model",
    "cost_notes",
    "maturity",
    "human_in_the_loop",
    "bias_statement",
    "security_certifications",
    "support_contact",
)
LISTING_M2M_FIELDS: dict[str, type[models.Model]] = {
    "stages": Stage,
    "capabilities": Capability,
    "data_types": DataType,
    "deployments": DeploymentMode,
    "integrations": Integration,
    "languages": SupportedLanguage,
}


def unique_slug(
    model: type[models.Model], text: str, *, exclude_pk: int | None = None
) -> str:
    base = (slugify(text) or "item")[:200]
    slug, n = base, 2
    existing = model._default_manager.filter(slug=slug)
    while existing.exclude(pk=exclude_pk).exists():
        slug = f"{base}-{n}"
        n += 1
        existing = model._default_manager.filter(slug=slug)
    return slug


# --- Providers (contract #1) -------------------------------------------------


@transaction.atomic
def provider_create(
    *,
    actor: User | None,
    name: str,
    website: str,
    country: str,
    provider_type: str,
    description: str = "",
    is_demo: bool = False,
) -> Provider:
    """Create a provider. ProviderNameTakenError if one of the same name (any case
    or width) exists: it is never handed back, as that would attach whoever
    named it to someone else's organisation."""
    existing = provider_named(name=name)
    if existing is not None:
        raise ProviderNameTakenError(existing)
    provider = Provider(
        name=name.strip(),
        slug=unique_slug(Provider, name),
        website=website,
        country=country,
        provider_type=provider_type,
        description=description,
        is_demo=is_demo,
    )
    provider.full_clean()
    provider.save()
    audit_event_record(
        actor=actor,
        action=CatalogueAction.PROVIDER_CREATED,
        target=provider,
        after={"name": provider.name, "country": str(provider.country)},
    )
    return provider


@transaction.atomic
def provider_representative_add(
    *, actor: User | None, provider: Provider, user: User
) -> None:
    """Make ``user`` a representative of ``provider``; a no-op if they are one."""
    if provider.representatives.filter(pk=user.pk).exists():
        return
    provider.representatives.add(user)
    audit_event_record(
        actor=actor,
        action=CatalogueAction.PROVIDER_REPRESENTATIVE_ADDED,
        target=provider,
        after={"user_id": user.pk},
    )


# --- Tools -------------------------------------------------------------------


def tool_search_index_update(*, tool: Tool) -> None:
    """Refresh the stored tsvector (PostgreSQL only; SQLite searches with icontains)."""
    if connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector

    def text(value: str) -> Value:
        return Value(value or "", output_field=TextField())

    vector = (
        SearchVector(text(tool.name), weight="A", config="english")
        + SearchVector(text(tool.provider.name), weight="A", config="english")
        + SearchVector(text(tool.summary), weight="B", config="english")
        + SearchVector(text(tool.description), weight="C", config="english")
    )
    Tool.objects.filter(pk=tool.pk).update(
        search_vector=vector, updated_at=timezone.now()
    )


def tool_snapshot(*, tool: Tool) -> dict[str, Any]:
    """The listing fields of a tool as JSON-ready values."""
    data: dict[str, Any] = {
        field: getattr(tool, field) for field in LISTING_TEXT_FIELDS
    }
    if tool.pk is None:
        data.update({field: [] for field in LISTING_M2M_FIELDS})
        return data
    data["stages"] = sorted(tool.stages.values_list("key", flat=True))
    for field in list(LISTING_M2M_FIELDS)[1:]:
        data[field] = sorted(getattr(tool, field).values_list("slug", flat=True))
    return data


def _tool_apply(*, tool: Tool, values: dict[str, Any]) -> None:
    for field in LISTING_TEXT_FIELDS:
        if field in values:
            setattr(tool, field, values[field] or "")
    tool.full_clean(exclude=["slug", "provider"])
    tool.save()
    for field, model in LISTING_M2M_FIELDS.items():
        if field not in values:
            continue
        key = "key" if model is Stage else "slug"
        objects = model._default_manager.filter(**{f"{key}__in": values[field] or []})
        getattr(tool, field).set(objects)
    tool_search_index_update(tool=tool)


def _values_from_form(cleaned: dict[str, Any]) -> dict[str, Any]:
    """Form cleaned_data (model instances for M2M) -> JSON-ready listing values."""
    values: dict[str, Any] = {}
    for field in LISTING_TEXT_FIELDS:
        if field in cleaned:
            values[field] = cleaned[field] or ""
    for field, model in LISTING_M2M_FIELDS.items():
        if field in cleaned:
            key = "key" if model is Stage else "slug"
            values[field] = sorted(getattr(obj, key) for obj in cleaned[field])
    return values


@transaction.atomic
def tool_draft_create(
    *, actor: User, provider: Provider, cleaned: dict[str, Any]
) -> Tool:
    """A new listing in draft; the caller checked ``actor`` represents ``provider``."""
    values = _values_from_form(cleaned)
    tool = Tool(provider=provider, slug=unique_slug(Tool, values["name"]))
    _tool_apply(tool=tool, values=values)
    audit_event_record(
        actor=actor, action=CatalogueAction.TOOL_CREATED, target=tool, after=values
    )
    return tool


EDITABLE_DRAFT_STATUSES = (Tool.Status.DRAFT, Tool.Status.CHANGES_REQUESTED)


@transaction.atomic
def tool_draft_update(*, actor: User, tool: Tool, cleaned: dict[str, Any]) -> Tool:
    tool = Tool.objects.select_for_update().get(pk=tool.pk)
    if tool.status not in EDITABLE_DRAFT_STATUSES:
        raise ListingError(
            _("Only a draft, or a listing sent back for changes, can be edited.")
        )
    before = tool_snapshot(tool=tool)
    _tool_apply(tool=tool, values=_values_from_form(cleaned))
    audit_event_record(
        actor=actor,
        action=CatalogueAction.TOOL_DRAFT_UPDATED,
        target=tool,
        before=before,
        after=tool_snapshot(tool=tool),
    )
    return tool


@transaction.atomic
def tool_submit(*, actor: User, tool: Tool) -> Tool:
    """Send a draft (or a listing sent back for changes) to the editors."""
    won = Tool.objects.filter(pk=tool.pk, status__in=EDITABLE_DRAFT_STATUSES).update(
        status=Tool.Status.SUBMITTED, updated_at=timezone.now()
    )
    if not won:
        raise ListingError(_("This listing cannot be submitted in its current state."))
    before_status = tool.status
    tool.refresh_from_db()
    audit_event_record(
        actor=actor,
        action=CatalogueAction.TOOL_SUBMITTED,
        target=tool,
        before={"status": before_status},
        after={"status": tool.status},
    )
    return tool


ARCHIVABLE_STATUSES = (
    Tool.Status.DRAFT,
    Tool.Status.CHANGES_REQUESTED,
    Tool.Status.PUBLISHED,
    Tool.Status.REJECTED,
)


@transaction.atomic
def tool_withdraw(*, actor: User, tool: Tool) -> Tool:
    """Take a submitted listing back from the editors: it becomes a draft again."""
    won = Tool.objects.filter(pk=tool.pk, status=Tool.Status.SUBMITTED).update(
        status=Tool.Status.DRAFT, updated_at=timezone.now()
    )
    if not won:
        raise ListingError(_("Only a listing waiting for review can be withdrawn."))
    tool.refresh_from_db()
    audit_event_record(
        actor=actor,
        action=CatalogueAction.TOOL_WITHDRAWN,
        target=tool,
        before={"status": Tool.Status.SUBMITTED},
        after={"status": tool.status},
    )
    return tool


@transaction.atomic
def tool_archive(*, actor: User, tool: Tool) -> Tool:
    """The provider takes their listing out of the catalogue; open revisions close.

    The caller checked that ``actor`` represents the tool's provider.
    """
    tool = Tool.objects.select_for_update().get(pk=tool.pk)
    if tool.status not in ARCHIVABLE_STATUSES:
        raise ListingError(
            _("This listing cannot be archived in its current state.")
            if tool.status != Tool.Status.ARCHIVED
            else _("This listing is already archived.")
        )
    before_status = tool.status
    closed = list(
        tool.revisions.filter(status__in=OPEN_REVISION_STATUSES).values_list(
            "pk", flat=True
        )
    )
    ListingRevision.objects.filter(pk__in=closed).update(
        status=ListingRevision.Status.WITHDRAWN, decided_at=timezone.now()
    )
    tool.status = Tool.Status.ARCHIVED
    tool.save(update_fields=["status", "updated_at"])
    audit_event_record(
        actor=actor,
        action=CatalogueAction.TOOL_ARCHIVED,
        target=tool,
        before={"status": before_status},
        after={"status": tool.status, "withdrawn_revisions": closed},
    )
    return tool


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
    proposed = _values_from_form(cleaned)
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
    from tools_catalog.tasks import send_listing_decision_email

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
        _tool_apply(tool=tool, values=revision.proposed)
        Tool.objects.filter(pk=tool.pk).update(
            last_vetted_on=timezone.localdate(), updated_at=timezone.now()
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


# --- Vocabulary (editors) ------------------------------------------------------

TERM_MODELS: dict[str, type[models.Model]] = {
    # Tool field -> term model: the facets whose terms editors curate.
    "capabilities": Capability,
    "data_types": DataType,
    "deployments": DeploymentMode,
    "integrations": Integration,
    "languages": SupportedLanguage,
}


def _term_field(model: type[models.Model]) -> str:
    for field_name, term_model in TERM_MODELS.items():
        if term_model is model:
            return field_name
    raise TermMergeError(_("Only vocabulary terms can be merged."))


@transaction.atomic
def term_merge(*, actor: User, source: Any, target: Any) -> int:
    """Merge ``source`` into ``target``: its tools move over, open listing
    revisions that propose it propose ``target`` instead, and ``source`` is
    deleted. Returns the number of tools moved. Audited.
    """
    if type(source) is not type(target):
        raise TermMergeError(_("A term can only be merged into a term of its kind."))
    if source.pk == target.pk:
        raise TermMergeError(_("A term cannot be merged into itself."))
    field_name = _term_field(type(source))
    model = type(source)
    locked = {
        t.pk: t
        for t in model._default_manager.select_for_update().filter(
            pk__in=[source.pk, target.pk]
        )
    }
    if len(locked) != 2:
        raise TermMergeError(_("One of these terms no longer exists."))
    source, target = locked[source.pk], locked[target.pk]
    through = getattr(Tool, field_name).through
    term_column = through._meta.get_field(model._meta.model_name or "").name
    tool_ids = set(
        through.objects.filter(**{term_column: source}).values_list(
            "tool_id", flat=True
        )
    )
    already = set(
        through.objects.filter(
            **{term_column: target, "tool_id__in": tool_ids}
        ).values_list("tool_id", flat=True)
    )
    through.objects.bulk_create(
        [through(tool_id=t, **{term_column: target}) for t in tool_ids - already]
    )
    through.objects.filter(**{term_column: source}).delete()
    revisions = []
    for revision in ListingRevision.objects.select_for_update().filter(
        status__in=OPEN_REVISION_STATUSES
    ):
        slugs = revision.proposed.get(field_name)
        if isinstance(slugs, list) and source.slug in slugs:
            revision.proposed[field_name] = sorted(
                {target.slug if s == source.slug else s for s in slugs}
            )
            revision.save(update_fields=["proposed"])
            revisions.append(revision.pk)
    before = {"slug": source.slug, "name": source.name, "tools": sorted(tool_ids)}
    model._default_manager.filter(pk=source.pk).delete()
    # The browse page's caches (and facet counts) key on the tools' updated_at.
    if tool_ids:
        Tool.objects.filter(pk__in=tool_ids).update(updated_at=timezone.now())
    catalogue_version_forget()  # the facet vocabulary lost an option
    audit_event_record(
        actor=actor,
        action=CatalogueAction.TERM_MERGED,
        target=target,
        before=before,
        after={
            "slug": target.slug,
            "name": target.name,
            "kind": model._meta.model_name,
            "revisions": revisions,
        },
    )
    return len(tool_ids)


def vocabulary_load() -> Any:
    """Create or update the curated terms from fixtures/vocabulary.yaml (a
    deployment step: ``manage.py sync_vocabulary``); the catalogue's caches
    are forgotten when anything changed."""
    from tools_catalog.vocabulary import vocabulary_sync

    with transaction.atomic():
        result = vocabulary_sync(
            models={
                "capabilities": Capability,
                "data_types": DataType,
                "deployments": DeploymentMode,
                "languages": SupportedLanguage,
                "integrations": Integration,
            },
            tool_model=Tool,
        )
        if result.created or result.updated or result.merged:
            Tool.objects.update(updated_at=timezone.now())
            catalogue_version_forget()
    return result


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
    Tool.objects.filter(pk=tool.pk).update(
        rating_average=Decimal(str(round(avg, 2))) if avg is not None else None,
        rating_count=stats["n"],
        updated_at=timezone.now(),
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
