from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from community import conf, selectors
from community.challenges.selectors import open_teams_of
from community.errors import CommunityError
from community.forms import ContactRequestForm, DirectorySearchForm, ProfileForm
from community.models import ContactStatus, MemberProfile
from community.services import directory as services
from core.ratelimit import rate_limit_hit


def _directory_limited(request: AuthedRequest) -> bool:
    """Count one directory request (search, page of results, profile); True when
    the member is over either window. Every request counts, or ``&page=`` and
    profile addresses would list the directory (core.ratelimit: the shared
    cache, so every process counts together)."""
    over = False
    for limit, seconds in (
        conf.directory_requests_per_window(),
        conf.directory_requests_per_day(),
    ):
        key = f"directory:{seconds}:{request.user.pk}"
        over = rate_limit_hit(key=key, limit=limit, seconds=seconds) or over
    return over


def _limited_response(request: AuthedRequest) -> HttpResponse:
    response = render(request, "community/directory_limited.html", status=429)
    response["Retry-After"] = str(conf.directory_requests_per_window()[1])
    return response


@permission_required(Perm.USE_MEMBER_AREA)
def member_directory_view(request: AuthedRequest) -> HttpResponse:
    """Search only: there is no list of everyone and no count of who is hidden."""
    form = DirectorySearchForm(request.GET or None)
    page = None
    limited = False
    if form.is_valid():
        if _directory_limited(request):
            limited = True
        else:
            results = selectors.directory_search(
                viewer=request.user,
                query=form.cleaned_data["q"],
                country=form.cleaned_data.get("country") or "",
                stage=form.cleaned_data.get("stage"),
            )
            page = Paginator(results, 20).get_page(request.GET.get("page"))
    response = render(
        request,
        "community/member_directory.html",
        {"form": form, "page_obj": page, "limited": limited},
        status=429 if limited else 200,
    )
    if limited:
        response["Retry-After"] = str(conf.directory_requests_per_window()[1])
    return response


def _listed_profile_or_404(request: AuthedRequest, public_id: str) -> MemberProfile:
    """Not listed, blocked and non-existent members all look the same: 404."""
    profile = selectors.directory_profile(viewer=request.user, public_id=public_id)
    if profile is None:
        raise Http404
    return profile


@permission_required(Perm.USE_MEMBER_AREA)
def member_detail_view(request: AuthedRequest, public_id: str) -> HttpResponse:
    if _directory_limited(request):
        return _limited_response(request)
    profile = _listed_profile_or_404(request, public_id)
    return render(
        request,
        "community/member_detail.html",
        {"profile": profile, "my_open_teams": open_teams_of(user=request.user)},
    )


@permission_required(Perm.USE_MEMBER_AREA)
def contact_request_view(request: AuthedRequest, public_id: str) -> HttpResponse:
    """The form shows the member's card, so every request counts as a profile
    view, a POST too: an invalid one re-renders the form with the card, and
    used to show it after the other directory pages already answered 429.
    Sent requests also have their own (stricter) limit."""
    if _directory_limited(request):
        return _limited_response(request)
    profile = _listed_profile_or_404(request, public_id)
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_request_send(
                sender=request.user,
                recipient=profile.user,
                message=form.cleaned_data["message"],
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Your request is sent. You will see their details here if they accept."  # noqa: E501
                ),
            )
            return redirect("community:contact-list")
    return render(
        request, "community/contact_form.html", {"form": form, "profile": profile}
    )


@permission_required(Perm.USE_MEMBER_AREA)
def contact_list_view(request: AuthedRequest) -> HttpResponse:
    received = Paginator(
        selectors.contact_requests_received(user=request.user), 20
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "community/contact_list.html",
        {
            "page_obj": received,
            "sent": selectors.contact_requests_sent(user=request.user)[:50],
            "contacts": selectors.contacts_accepted(user=request.user),
            "blocks": selectors.block_list(user=request.user),
            "pending": ContactStatus.PENDING,
        },
    )


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def contact_respond_view(request: AuthedRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_request_received_get(user=request.user, pk=pk)
    if contact is None:
        raise Http404
    action = request.POST.get("action")
    try:
        if action in ("accept", "decline"):
            services.contact_request_answer(
                user=request.user, request=contact, accept=action == "accept"
            )
            messages.success(
                request,
                _("You accepted: you can now see each other's contact details.")
                if action == "accept"
                else _("You declined the request."),
            )
        elif action == "block":
            services.member_block(blocker=request.user, blocked=contact.sender)
            messages.success(request, _("You blocked this member."))
        else:
            messages.error(request, _("Unknown action."))
    except CommunityError as error:
        messages.error(request, str(error))
    return redirect("community:contact-list")


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def member_block_view(request: AuthedRequest, public_id: str) -> HttpResponse:
    profile = _listed_profile_or_404(request, public_id)
    services.member_block(blocker=request.user, blocked=profile.user)
    messages.success(request, _("You blocked this member."))
    return redirect("community:member-directory")


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def member_unblock_view(request: AuthedRequest, pk: int) -> HttpResponse:
    services.member_unblock(blocker=request.user, block_id=pk)
    messages.success(request, _("You unblocked this member."))
    return redirect("community:contact-list")


@permission_required(Perm.USE_MEMBER_AREA)
def profile_edit_view(request: AuthedRequest) -> HttpResponse:
    profile = services.profile_get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, values=form.cleaned_data)
        messages.success(request, _("Your community settings are saved."))
        return redirect("community:profile-edit")
    feed_url = None
    if profile.calendar_token:
        feed_url = request.build_absolute_uri(
            reverse("community:calendar-feed", kwargs={"token": profile.calendar_token})
        )
    return render(
        request, "community/profile_form.html", {"form": form, "feed_url": feed_url}
    )


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def calendar_token_view(request: AuthedRequest) -> HttpResponse:
    if request.POST.get("action") == "revoke":
        services.calendar_token_revoke(user=request.user)
        messages.success(request, _("Your calendar link no longer works."))
    else:
        services.calendar_token_reset(user=request.user)
        messages.success(
            request, _("Your new calendar link is ready; any old one stops working.")
        )
    return redirect("community:profile-edit")
