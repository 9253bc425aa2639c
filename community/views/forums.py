from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from community import conf, selectors
from community.errors import CommunityError
from community.forms import FlagForm, PostForm, SearchForm, TopicForm
from community.markup import markdown_quote
from community.models import Category, Post, Topic
from community.services import forums as forum_services
from community.services import moderation as moderation_services


def _category_or_404(request: AuthedRequest, slug: str) -> Category:
    category = selectors.category_get(user=request.user, slug=slug)
    if category is None:
        raise Http404
    return category


def _topic_or_404(request: AuthedRequest, pk: int) -> Topic:
    topic = selectors.topic_for_user(user=request.user, pk=pk)
    if topic is None:
        raise Http404
    return topic


def _post_or_404(request: AuthedRequest, pk: int) -> Post:
    post = selectors.post_for_user(user=request.user, pk=pk)
    if post is None:
        raise Http404
    return post


@permission_required(Perm.USE_MEMBER_AREA)
def forum_index_view(request: AuthedRequest) -> HttpResponse:
    categories = selectors.category_list(user=request.user)
    recent = selectors.topic_list(user=request.user).order_by("-last_post_at")[:10]
    return render(
        request,
        "community/forum_index.html",
        {
            "categories": categories,
            "recent_topics": recent,
            "search_form": SearchForm(),
        },
    )


@permission_required(Perm.USE_MEMBER_AREA)
def category_detail_view(request: AuthedRequest, slug: str) -> HttpResponse:
    category = _category_or_404(request, slug)
    may_moderate = request.user.has_perm(Perm.MODERATE_COMMUNITY)
    topics = selectors.topic_list(
        user=request.user, category=category, include_hidden=may_moderate
    )
    page = Paginator(topics, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "community/category_detail.html",
        {
            "category": category,
            "page_obj": page,
            "may_moderate": may_moderate,
            "subscribed": selectors.category_is_subscribed(
                user=request.user, category=category
            ),
        },
    )


@permission_required(Perm.USE_MEMBER_AREA)
def topic_create_view(request: AuthedRequest, slug: str) -> HttpResponse:
    category = _category_or_404(request, slug)
    form = TopicForm(request.POST or None)
    if form.is_valid():
        try:
            topic = forum_services.topic_create(
                author=request.user, category=category, **form.cleaned_data
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your topic is published."))
            return redirect(topic)
    return render(
        request, "community/topic_form.html", {"form": form, "category": category}
    )


@permission_required(Perm.USE_MEMBER_AREA)
def topic_detail_view(request: AuthedRequest, pk: int) -> HttpResponse:
    topic = _topic_or_404(request, pk)
    posts = selectors.post_list(user=request.user, topic=topic)
    page = Paginator(posts, conf.posts_per_page()).get_page(request.GET.get("page"))
    forum_services.topic_mark_read(user=request.user, topic=topic)
    for post in page.object_list:
        post.may_edit = forum_services.post_may_edit(  # type: ignore[attr-defined]
            user=request.user, post=post
        )
    return render(
        request,
        "community/topic_detail.html",
        {
            "topic": topic,
            "page_obj": page,
            "form": PostForm(),
            "subscribed": selectors.topic_is_subscribed(user=request.user, topic=topic),
            "may_moderate": request.user.has_perm(Perm.MODERATE_COMMUNITY),
        },
    )


@permission_required(Perm.USE_MEMBER_AREA)
def topic_reply_view(request: AuthedRequest, pk: int) -> HttpResponse:
    topic = _topic_or_404(request, pk)
    initial = {}
    quote_id = request.GET.get("quote", "")
    if quote_id.isdigit():
        quoted = selectors.post_for_user(user=request.user, pk=int(quote_id))
        if quoted is not None and quoted.topic_id == topic.pk:
            initial["body"] = markdown_quote(
                author=str(quoted.author), text=quoted.body
            )
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            post = forum_services.post_reply(
                author=request.user, topic=topic, body=form.cleaned_data["body"]
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your reply is published."))
            posts = selectors.post_list(user=request.user, topic=topic)
            last_page = Paginator(posts, conf.posts_per_page()).num_pages
            return redirect(
                f"{topic.get_absolute_url()}?page={last_page}#post-{post.pk}"
            )
    return render(request, "community/post_form.html", {"form": form, "topic": topic})


@permission_required(Perm.USE_MEMBER_AREA)
def post_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    post = _post_or_404(request, pk)
    if post.author_id != request.user.pk:
        raise Http404
    form = PostForm(request.POST or None, initial={"body": post.body})
    if not forum_services.post_may_edit(user=request.user, post=post):
        messages.error(request, _("This post can no longer be edited."))
        return redirect(post.get_absolute_url())
    if request.method == "POST" and form.is_valid():
        try:
            forum_services.post_edit(
                editor=request.user, post=post, body=form.cleaned_data["body"]
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your post is updated."))
            return redirect(post.get_absolute_url())
    return render(
        request,
        "community/post_form.html",
        {"form": form, "topic": post.topic, "editing": post},
    )


@permission_required(Perm.USE_MEMBER_AREA)
def post_flag_view(request: AuthedRequest, pk: int) -> HttpResponse:
    post = _post_or_404(request, pk)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation_services.post_flag(
                reporter=request.user, post=post, reason=form.cleaned_data["reason"]
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Thank you. A moderator will look at this post.")
            )
            return redirect(post.get_absolute_url())
    return render(request, "community/flag_form.html", {"form": form, "post": post})


def _subscription_toggle(
    request: AuthedRequest, target: Topic | Category
) -> HttpResponse:
    """Follow or unfollow a topic or a category; say which it now is."""
    if isinstance(target, Topic):
        now_on = forum_services.subscription_toggle(user=request.user, topic=target)
        on = _("You will get a digest of new replies.")
        off = _("You no longer follow this topic.")
    else:
        now_on = forum_services.subscription_toggle(user=request.user, category=target)
        on = _("You will get a digest of new posts in this category.")
        off = _("You no longer follow this category.")
    messages.success(request, on if now_on else off)
    return redirect(target)


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def topic_subscribe_view(request: AuthedRequest, pk: int) -> HttpResponse:
    return _subscription_toggle(request, _topic_or_404(request, pk))


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def category_subscribe_view(request: AuthedRequest, slug: str) -> HttpResponse:
    return _subscription_toggle(request, _category_or_404(request, slug))


@permission_required(Perm.USE_MEMBER_AREA)
def forum_search_view(request: AuthedRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page = None
    if form.is_valid():
        results = selectors.forum_search(
            user=request.user, query=form.cleaned_data["q"]
        )
        page = Paginator(results, 30).get_page(request.GET.get("page"))
    return render(request, "community/search.html", {"form": form, "page_obj": page})
