from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from community import selectors
from community.errors import CommunityError
from community.forms import SuspendForm, TopicMoveForm
from community.services import moderation as services


@permission_required(Perm.MODERATE_COMMUNITY)
def moderation_queue_view(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.flagged_post_list(), 20).get_page(
        request.GET.get("page")
    )
    hidden = selectors.hidden_post_list()[:20]
    return render(
        request,
        "community/moderation_queue.html",
        {"page_obj": page, "hidden_posts": hidden},
    )


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
