from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from accounts.forms import saved_filter_form
from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.selectors import saved_filter_list
from accounts.services.saved_filters import saved_filter_query_clean
from accounts.types import AuthedRequest
from community import selectors
from community.errors import CommunityError
from community.forms import PostBulkModerateForm, SuspendForm, TopicMoveForm
from community.services import moderation as services

QUEUE_LABELS = {
    "flagged": gettext_lazy("Flagged posts"),
    "hidden": gettext_lazy("Hidden posts"),
}
SORT_COLUMNS = [
    ("flagged", gettext_lazy("Last flagged")),
    ("flags", gettext_lazy("Open flags")),
]


def _render_queue(
    request: AuthedRequest,
    *,
    bulk_form: PostBulkModerateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    queue = request.GET.get("queue")
    queue = queue if queue in selectors.MODERATION_QUEUES else "flagged"
    sort = request.GET.get("sort")
    posts = (
        selectors.hidden_post_list()
        if queue == "hidden"
        else selectors.flagged_post_list_sorted(sort=sort)
    )
    page = Paginator(posts, 20).get_page(request.GET.get("page"))
    counts = selectors.moderation_queue_counts()
    query = saved_filter_query_clean(request.GET.urlencode())
    current, descending = selectors.moderation_sort_parse(sort)
    sorts = [
        {
            "key": key,
            "label": label,
            "current": key == current,
            "next": f"-{key}" if key != current or not descending else key,
            "descending": descending,
        }
        for key, label in SORT_COLUMNS
    ]
    return render(
        request,
        "community/moderation_queue.html",
        {
            "page_obj": page,
            "queue": queue,
            "tabs": [
                (key, label, counts[key], key == queue)
                for key, label in QUEUE_LABELS.items()
            ],
            "sorts": sorts,
            "bulk_form": bulk_form or PostBulkModerateForm(initial={"query": query}),
            "saved_filters": saved_filter_list(
                user=request.user, view="community:moderation-queue"
            ),
            "saved_filter_form": saved_filter_form(
                view="community:moderation-queue", query=query
            ),
        },
        status=status,
    )


@permission_required(Perm.MODERATE_COMMUNITY)
def moderation_queue_view(request: AuthedRequest) -> HttpResponse:
    return _render_queue(request)


@permission_required(Perm.MODERATE_COMMUNITY)
@require_POST
def post_bulk_moderate_view(request: AuthedRequest) -> HttpResponse:
    """Hide the ticked posts or dismiss their flags, each audited on its own."""
    form = PostBulkModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: check the selection."))
        return _render_queue(request, bulk_form=form, status=400)
    done, left = services.posts_bulk_moderate(
        moderator=request.user,
        posts=list(form.cleaned_data["posts"]),
        action=form.cleaned_data["action"],
    )
    messages.success(
        request,
        ngettext("%(count)d post was updated.", "%(count)d posts were updated.", done)
        % {"count": done},
    )
    if left:
        messages.warning(
            request,
            ngettext(
                "%(count)d post was left as it was.",
                "%(count)d posts were left as they were.",
                left,
            )
            % {"count": left},
        )
    query = saved_filter_query_clean(form.cleaned_data["query"])
    url = reverse("community:moderation-queue")
    return redirect(f"{url}?{query}" if query else url)


@permission_required(Perm.MODERATE_COMMUNITY)
@require_POST
def post_moderate_view(request: AuthedRequest, pk: int) -> HttpResponse:
    post = selectors.post_for_moderation_get(pk=pk)
    if post is None:
        raise Http404
    action = request.POST.get("action")
    handlers = {
        "hide": (services.post_hide, _("The post is hidden.")),
        "restore": (services.post_restore, _("The post is visible again.")),
        "dismiss": (services.flags_dismiss, _("The flags are dismissed.")),
    }
    if action not in handlers:
        messages.error(request, _("Unknown action."))
    else:
        handler, done = handlers[action]
        try:
            handler(moderator=request.user, post=post)
        except CommunityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
    next_url = request.GET.get("next") or request.POST.get("next", "")
    if next_url == "topic":
        return redirect(post.topic)
    if next_url == "category":
        return redirect(post.topic.category)
    return redirect("community:moderation-queue")


@permission_required(Perm.MODERATE_COMMUNITY)
def topic_moderate_view(request: AuthedRequest, pk: int) -> HttpResponse:
    topic = selectors.topic_for_moderation_get(pk=pk)
    if topic is None:
        raise Http404
    move_form = TopicMoveForm(initial={"category": topic.category_id})
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("lock", "unlock"):
                services.topic_set_locked(
                    moderator=request.user, topic=topic, locked=action == "lock"
                )
            elif action in ("pin", "unpin"):
                services.topic_set_pinned(
                    moderator=request.user, topic=topic, pinned=action == "pin"
                )
            elif action == "move":
                move_form = TopicMoveForm(request.POST)
                if not move_form.is_valid():
                    raise CommunityError(_("Choose a category."))
                services.topic_move(
                    moderator=request.user,
                    topic=topic,
                    category=move_form.cleaned_data["category"],
                )
            else:
                raise CommunityError(_("Unknown action."))
        except CommunityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The topic is updated."))
            return redirect("community:topic-moderate", pk=topic.pk)
    return render(
        request,
        "community/topic_moderate.html",
        {"topic": topic, "move_form": move_form},
    )


@permission_required(Perm.MODERATE_COMMUNITY)
def suspension_list_view(request: AuthedRequest) -> HttpResponse:
    form = SuspendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = selectors.member_by_email_get(email=form.cleaned_data["email"])
        if user is None:
            form.add_error("email", _("No account has this email address."))
        else:
            try:
                services.member_suspend(
                    moderator=request.user,
                    user=user,
                    reason=form.cleaned_data["reason"],
                )
            except CommunityError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The member can no longer post."))
                return redirect("community:suspension-list")
    page = Paginator(selectors.suspension_list(), 30).get_page(request.GET.get("page"))
    return render(
        request, "community/suspension_list.html", {"form": form, "page_obj": page}
    )


@permission_required(Perm.MODERATE_COMMUNITY)
@require_POST
def suspension_lift_view(request: AuthedRequest, pk: int) -> HttpResponse:
    suspension = selectors.suspension_get(pk=pk)
    if suspension is None:
        raise Http404
    try:
        services.suspension_lift(moderator=request.user, suspension=suspension)
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The member may post again."))
    return redirect("community:suspension-list")
