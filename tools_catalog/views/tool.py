""""""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from community.challenges import selectors as challenge_selectors
from tools_catalog import selectors, services
from tools_catalog.attributes import tool_groups
from tools_catalog.forms import (
    AdoptionForm,
    QuestionForm,
    ReviewForm,
    ShortlistAddForm,
)
from tools_catalog.models import Tool
from tools_catalog.views.compare import tray_context


def _tool_or_404(request: AuthedRequest, slug: str) -> Tool:
    tool = selectors.tool_get(user=request.user, slug=slug)
    if tool is None:
        raise Http404
    return tool


def _stage_links(tool: Tool) -> list[tuple[str, str]]:
    links = []
    for stage in tool.stages.all():
        try:
            url = reverse("learning_centre:stage-detail", kwargs={"key": stage.key})
        except NoReverseMatch:
            url = reverse("tools_catalog:tool-list") + "?stage=" + stage.key
        links.append((stage.local_name, url))
    return links


def _tool_context(request: AuthedRequest, tool: Tool, **forms: object) -> dict:
    can_moderate = request.user.has_perm("tools_catalog.moderate_review")
    reviews = list(
        selectors.tool_reviews(
            user=request.user, tool=tool, include_hidden=can_moderate
        )[:20]
    )
    own_review = next((r for r in reviews if getattr(r, "is_mine", 0)), None)
    reviewers = selectors.reviewers_describe(user_ids=[r.author_id for r in reviews])
    for review in reviews:
        review.reviewer = reviewers.get(review.author_id)  # type: ignore[attr-defined]
    buckets, own_status = selectors.tool_adoption_buckets(user=request.user, tool=tool)
    context: dict[str, object] = {
        "tool": tool,
        "groups": tool_groups(tool),
        "stage_links": _stage_links(tool),
        "reviews": [r for r in reviews if can_moderate or not r.hidden],
        "can_moderate": can_moderate,
        "questions": selectors.tool_questions(tool=tool)[:20],
        "related": selectors.tool_related(tool=tool),
        "challenge_outcomes": challenge_selectors.outcomes_for_tool(tool=tool),
        "adoption_buckets": buckets,
        "review_form": ReviewForm(
            instance=own_review,
            name_may_show=request.user.show_name,
            initial=None
            if own_review
            else {"show_name": selectors.member_shows_name(user=request.user)},
        ),
        "question_form": QuestionForm(),
        "adoption_form": AdoptionForm(initial={"status": own_status}),
        "shortlist_form": ShortlistAddForm(
            shortlists=selectors.shortlist_list(user=request.user)
        ),
    }
    tray_ctx = tray_context(request)
    context.update(tray_ctx, in_tray=tool.pk in tray_ctx["tray"].ids)
    context.update(forms)
    return context


@permission_required(Perm.USE_MEMBER_AREA)
def tool_detail_view(request: AuthedRequest, slug: str) -> HttpResponse:
    tool = _tool_or_404(request, slug)
    services.tool_view_count(tool=tool)
    return render(
        request, "tools_catalog/tool_detail.html", _tool_context(request, tool)
    )


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def tool_review_view(request: AuthedRequest, slug: str) -> HttpResponse:
    tool = _tool_or_404(request, slug)
    form = ReviewForm(
        request.POST,
        instance=selectors.member_review(user=request.user, tool=tool),
        name_may_show=request.user.show_name,
    )
    if form.is_valid():
        review = services.review_save(
            author=request.user, tool=tool, **form.cleaned_data
        )
        if review.pending:
            messages.success(
                request,
                _(
                    "Your review is saved. As it is your first, a moderator will "
                    "check it before other members see it."
                ),
            )
        else:
            messages.success(request, _("Your review is saved."))
        return redirect(tool)
    return _tool_form_error(request, tool, review_form=form)


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def tool_question_view(request: AuthedRequest, slug: str) -> HttpResponse:
    return _tool_form_post(
        request,
        slug,
        QuestionForm,
        form_name="question_form",
        save=lambda tool, data: services.question_ask(
            author=request.user, tool=tool, text=data["text"]
        ),
        done=_("Your question was sent to the provider."),
    )


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def tool_adoption_view(request: AuthedRequest, slug: str) -> HttpResponse:
    return _tool_form_post(
        request,
        slug,
        AdoptionForm,
        form_name="adoption_form",
        save=lambda tool, data: services.adoption_set(
            member=request.user, tool=tool, status=data["status"]
        ),
        done=_("Your agency's status with this tool is saved."),
    )


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def tool_shortlist_view(request: AuthedRequest, slug: str) -> HttpResponse:
    tool = _tool_or_404(request, slug)
    form = ShortlistAddForm(
        request.POST, shortlists=selectors.shortlist_list(user=request.user)
    )
    if form.is_valid():
        shortlist = services.shortlist_tool_save(
            owner=request.user,
            tool=tool,
            shortlist=form.cleaned_data["shortlist"],
            new_name=form.cleaned_data["new_name"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request,
            _("%(tool)s is on your shortlist %(shortlist)s.")
            % {"tool": tool.name, "shortlist": shortlist.name},
        )
        return redirect(tool)
    return _tool_form_error(request, tool, shortlist_form=form)


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def review_moderate_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """Moderators and catalogue editors approve a waiting review, hide or
    restore one; from the queue (``next=queue``) they go back to it."""
    if not request.user.has_perm("tools_catalog.moderate_review"):
        raise PermissionDenied
    review = selectors.review_for_moderation_get(pk=pk)
    if review is None:
        raise Http404
    action = request.POST.get("action")
    try:
        services.review_moderate(actor=request.user, review=review, action=action or "")
    except services.ModerationError as exc:
        messages.error(request, str(exc))
    else:
        if action == services.ModerationAction.APPROVE:
            done = _("The review is approved: members see it and it counts.")
        elif action == services.ModerationAction.RESTORE:
            done = _("The review is visible again.")
        else:
            done = _("The review is hidden from members and left out of the rating.")
        messages.success(request, done)
    if request.POST.get("next") == "queue":
        return redirect("tools_catalog:review-moderation-queue")
    if review.tool.status == Tool.Status.PUBLISHED:
        return redirect(review.tool)
    return redirect("tools_catalog:tool-list")


@permission_required(Perm.USE_MEMBER_AREA)
def review_moderation_queue_view(request: AuthedRequest) -> HttpResponse:
    """Members' first reviews waiting for a moderator, with approve and hide."""
    if not request.user.has_perm("tools_catalog.moderate_review"):
        raise PermissionDenied
    page = Paginator(selectors.review_moderation_queue(), 25).get_page(
        request.GET.get("page")
    )
    reviewers = selectors.reviewers_describe(user_ids=[r.author_id for r in page])
    for review in page:
        review.reviewer = reviewers.get(review.author_id)  # type: ignore[attr-defined]
    return render(
        request, "tools_catalog/review_moderation_queue.html", {"page_obj": page}
    )


def _tool_form_error(
    request: AuthedRequest, tool: Tool, **forms: object
) -> HttpResponse:
    """Re-render the tool page with the failing form, keeping what was typed."""
    context = _tool_context(request, tool, **forms)
    return render(request, "tools_catalog/tool_detail.html", context, status=400)


def _tool_form_post(
    request: AuthedRequest,
    slug: str,
    form_class: type[Form],
    *,
    form_name: str,
    save: Callable[[Tool, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Validate one of the tool page's forms, save it and go back to the tool."""
    tool = _tool_or_404(request, slug)
    form = form_class(request.POST)
    if form.is_valid():
        save(tool, form.cleaned_data)
        messages.success(request, done)
        return redirect(tool)
    return _tool_form_error(request, tool, **{form_name: form})
