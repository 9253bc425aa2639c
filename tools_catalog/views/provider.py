"""The provider portal: their listings, drafts, revisions and questions."""

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from community.challenges import selectors as challenge_selectors
from onboarding import selectors as joins
from tools_catalog import selectors, services
from tools_catalog.forms import (
    AnswerForm,
    ListingForm,
)
from tools_catalog.models import Tool
from tools_catalog.views.editors import listing_field_label

# --- Provider portal --------------------------------------------------------


@permission_required(Perm.USE_PROVIDER_PORTAL)
def provider_portal_view(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.provider_tools(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    for tool in page:
        tool.state = selectors.listing_state(  # type: ignore[attr-defined]
            tool_status=tool.status,
            revision_status=tool.open_revision_status,  # type: ignore[attr-defined]
        )
    return render(
        request,
        "tools_catalog/provider_portal.html",
        {
            "providers": selectors.provider_list_for_user(user=request.user),
            "page_obj": page,
            "questions": [
                (q, AnswerForm(prefix=f"q{q.pk}"))
                for q in selectors.provider_questions(user=request.user)[:20]
            ],
            "reviews": selectors.provider_reviews(user=request.user)[:20],
            "challenge_outcomes": challenge_selectors.outcomes_for_provider(
                user=request.user
            ),
            # A claim on an organisation waits for staff; until then, nothing of it.
            "my_join_requests": joins.organisation_join_list_for_applicant(
                user=request.user
            ),
            "join_requests": joins.organisation_join_list_for_representative(
                user=request.user
            ),
        },
    )


@permission_required(Perm.USE_PROVIDER_PORTAL)
def provider_tool_create_view(request: AuthedRequest) -> HttpResponse:
    """A new draft; a representative of several organisations chooses which."""
    providers = list(selectors.provider_list_for_user(user=request.user))
    if not providers:
        raise Http404
    form = ListingForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        provider = form.cleaned_data.pop("provider", None) or providers[0]
        tool = services.tool_draft_create(
            actor=request.user, provider=provider, cleaned=form.cleaned_data
        )
        messages.success(request, _("Draft saved. Submit it when it is ready."))
        return redirect("tools_catalog:provider-tool-edit", pk=tool.pk)
    return render(
        request,
        "tools_catalog/provider_tool_form.html",
        {"form": form, "provider": providers[0] if len(providers) == 1 else None},
    )


State = selectors.ListingState


def _provider_tool_or_404(request: AuthedRequest, pk: int) -> Tool:
    tool = selectors.provider_tool_get(user=request.user, pk=pk)
    if tool is None:
        raise Http404
    return tool


def _listing_change(
    request: AuthedRequest, pk: int, change: Callable[..., object], done: str
) -> HttpResponse:
    """Apply one change to a provider's listing and report its outcome."""
    tool = _provider_tool_or_404(request, pk)
    try:
        change(actor=request.user, tool=tool)
        messages.success(request, done)
    except services.ListingError as exc:
        messages.error(request, str(exc))
    return redirect("tools_catalog:provider-tool-edit", pk=tool.pk)


def _read_only_message(state: str, *, revision: bool) -> str:
    if state == State.IN_REVIEW and revision:
        return _(
            "This listing cannot be edited while an editor reviews it. Withdraw "
            "your changes to edit them again."
        )
    if state == State.IN_REVIEW:
        return _(
            "This listing cannot be edited while an editor reviews it. Withdraw "
            "it from review to change it."
        )
    if state == State.REJECTED:
        return _(
            "A rejected listing cannot be edited. Contact the Hub team if you "
            "think this is a mistake."
        )
    return _(
        "An archived listing cannot be edited. To list it again, contact the Hub team."
    )


def _listing_rows(values: dict) -> list[tuple[str, str]]:
    """Every listing field with its label and its value in human words."""
    shown = selectors.listing_values_labelled([values])[0]
    return [
        (listing_field_label(field), shown.get(field, ""))
        for field in (*services.LISTING_TEXT_FIELDS, *services.LISTING_M2M_FIELDS)
        if field in values
    ]


@permission_required(Perm.USE_PROVIDER_PORTAL)
def provider_tool_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """One listing as its state allows: a form for a draft, a listing sent back
    and a published listing (whose changes go to the editors as a revision);
    read-only, with the reason, while in review, rejected or archived."""
    tool = _provider_tool_or_404(request, pk)
    if not request.user.has_perm("tools_catalog.change_listing", tool):
        raise Http404
    open_revision = (
        selectors.provider_tool_open_revision(tool=tool)
        if tool.status == Tool.Status.PUBLISHED
        else None
    )
    state = selectors.listing_state(
        tool_status=tool.status,
        revision_status=open_revision.status if open_revision else None,
    )
    read_only = state in selectors.LISTING_READ_ONLY_STATES
    form: ListingForm | None = None
    if read_only and request.method == "POST":
        messages.error(
            request, _read_only_message(state, revision=open_revision is not None)
        )
        return redirect("tools_catalog:provider-tool-edit", pk=tool.pk)
    if not read_only:
        initial = open_revision.proposed if open_revision else None
        form = ListingForm(request.POST or None, instance=tool, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                sent = services.listing_save(
                    actor=request.user, tool=tool, cleaned=form.cleaned_data
                )
            except services.ListingError as exc:
                form.add_error(None, str(exc))
            else:
                if sent is not None:
                    messages.success(
                        request,
                        _(
                            "Your changes were sent to the editors. The live "
                            "listing changes when they approve them."
                        ),
                    )
                else:
                    messages.success(request, _("Draft saved."))
                return redirect("tools_catalog:provider-tool-edit", pk=tool.pk)
        if request.method == "POST" and not form.is_valid():
            form.instance.refresh_from_db()
    shown = (
        open_revision.proposed if open_revision else services.tool_snapshot(tool=tool)
    )
    return render(
        request,
        "tools_catalog/provider_tool_form.html",
        {
            "form": form,
            "tool": tool,
            "provider": tool.provider,
            "state": state,
            "State": State,
            "open_revision": open_revision,
            "read_only_message": _read_only_message(
                state, revision=open_revision is not None
            )
            if read_only
            else "",
            "listing_rows": _listing_rows(shown) if read_only else [],
            "latest_comment": selectors.listing_latest_comment(tool=tool),
            "revisions": selectors.provider_tool_revisions(tool=tool)[:10],
            "can_submit": tool.status in services.EDITABLE_DRAFT_STATUSES,
            "can_withdraw": tool.status == Tool.Status.SUBMITTED,
            "can_withdraw_changes": open_revision is not None,
            "can_archive": tool.status in services.ARCHIVABLE_STATUSES,
        },
    )


@permission_required(Perm.USE_PROVIDER_PORTAL)
@require_POST
def provider_tool_submit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    done = _("Submitted. An editor will review your listing.")
    return _listing_change(request, pk, services.tool_submit, done)


@permission_required(Perm.USE_PROVIDER_PORTAL)
@require_POST
def provider_tool_withdraw_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """A listing waiting for review becomes a draft again; a published listing's
    proposed changes are withdrawn (it stays live as it is)."""
    tool = _provider_tool_or_404(request, pk)
    try:
        revision = services.listing_withdraw(actor=request.user, tool=tool)
    except services.ListingError as exc:
        messages.error(request, str(exc))
    else:
        if revision is not None:
            messages.success(
                request,
                _("Your changes are withdrawn; the published listing is unchanged."),
            )
        else:
            messages.success(
                request, _("Withdrawn from review. The listing is a draft again.")
            )
    return redirect("tools_catalog:provider-tool-edit", pk=tool.pk)


@permission_required(Perm.USE_PROVIDER_PORTAL)
@require_POST
def provider_tool_archive_view(request: AuthedRequest, pk: int) -> HttpResponse:
    done = _("The listing is archived: members no longer see it.")
    return _listing_change(request, pk, services.tool_archive, done)


@permission_required(Perm.USE_PROVIDER_PORTAL)
@require_POST
def provider_question_answer_view(request: AuthedRequest, pk: int) -> HttpResponse:
    question = selectors.provider_question_get(user=request.user, pk=pk)
    if question is None:
        raise Http404
    form = AnswerForm(request.POST, prefix=f"q{question.pk}")
    if form.is_valid():
        services.question_answer(
            actor=request.user, question=question, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Your answer is published to members."))
    else:
        messages.error(request, _("Write an answer of at most 5,000 characters."))
    return redirect("tools_catalog:provider-portal")
