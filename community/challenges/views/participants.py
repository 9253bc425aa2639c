"""Challenge pages for members and provider representatives: teams, submissions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from community.challenges import selectors, services
from community.challenges.errors import ChallengeError
from community.challenges.forms import (
    JoinCodeForm,
    SubmissionForm,
    TeamForm,
)
from community.challenges.views.lookups import (
    challenge_or_404 as _challenge_or_404,
)
from community.challenges.views.lookups import (
    submission_or_404 as _submission_or_404,
)
from community.challenges.views.lookups import (
    team_or_404 as _team_or_404,
)
from community.permissions import member_or_provider_required
from community.selectors import directory_profile
from core.markdown import markdown_render


@member_or_provider_required
def challenge_list_view(request: AuthedRequest) -> HttpResponse:
    challenges = selectors.challenge_list(user=request.user)
    page = Paginator(challenges, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "community/challenges/challenge_list.html",
        {
            "page_obj": page,
            "viewer_zone": selectors.viewer_zone(user=request.user),
            "may_run": request.user.has_perm(Perm.RUN_CHALLENGES),
            "is_member": request.user.has_perm(Perm.USE_MEMBER_AREA),
            "invitations": selectors.invitations_for(user=request.user),
        },
    )


@member_or_provider_required
def challenge_detail_view(request: AuthedRequest, slug: str) -> HttpResponse:
    challenge = _challenge_or_404(request, slug)
    return render(
        request,
        "community/challenges/challenge_detail.html",
        {
            "challenge": challenge,
            "problem_html": markdown_render(challenge.problem),
            "rules_html": markdown_render(challenge.rules),
            "criteria": selectors.criteria_of(challenge=challenge),
            "my_team": selectors.team_of(user=request.user, challenge=challenge),
            "is_judge": selectors.user_is_judge(user=request.user, challenge=challenge),
            "registration_open": challenge.registration_open(),
            "winners": selectors.winning_submissions(challenge=challenge),
            "may_make_resources": request.user.has_perm(Perm.EDIT_CATALOGUE),
            "team_form": TeamForm(),
            "join_form": JoinCodeForm(),
            "viewer_zone": selectors.viewer_zone(user=request.user),
            "now": timezone.now(),
        },
    )


@member_or_provider_required
@require_POST
def team_create_view(request: AuthedRequest, slug: str) -> HttpResponse:
    challenge = _challenge_or_404(request, slug)
    form = TeamForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give your team a name."))
        return redirect(challenge)
    try:
        team = services.team_create(
            user=request.user, challenge=challenge, name=form.cleaned_data["name"]
        )
    except ChallengeError as error:
        messages.error(request, str(error))
        return redirect(challenge)
    messages.success(request, _("Your team is created. Invite your team-mates."))
    return redirect(team)


@member_or_provider_required
@require_POST
def team_join_view(request: AuthedRequest, slug: str) -> HttpResponse:
    challenge = _challenge_or_404(request, slug)
    form = JoinCodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the code your team shared with you."))
        return redirect(challenge)
    try:
        team = services.team_join_by_code(
            user=request.user, challenge=challenge, code=form.cleaned_data["code"]
        )
    except ChallengeError as error:
        messages.error(request, str(error))
        return redirect(challenge)
    messages.success(request, _("You joined the team."))
    return redirect(team)


@member_or_provider_required
def team_detail_view(request: AuthedRequest, pk: int) -> HttpResponse:
    team = _team_or_404(request, pk)
    challenge = team.challenge
    submission = selectors.submission_of(team=team)
    return render(
        request,
        "community/challenges/team_detail.html",
        {
            "team": team,
            "challenge": challenge,
            "memberships": selectors.team_members(team=team),
            "submission": submission,
            "scores": selectors.team_scores(team=team)
            if challenge.has_results
            else None,
            "registration_open": challenge.registration_open(),
            "may_submit": challenge.building(),
            "is_member": request.user.has_perm(Perm.USE_MEMBER_AREA),
            "viewer_zone": selectors.viewer_zone(user=request.user),
        },
    )


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def team_invite_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """Invite someone found in "Meet other officers" (their directory profile)."""
    team = _team_or_404(request, pk)
    profile = directory_profile(
        viewer=request.user, public_id=request.POST.get("public_id", "")
    )
    if profile is None:
        raise Http404
    try:
        services.team_invite(inviter=request.user, team=team, invitee=profile.user)
    except ChallengeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The invitation is sent."))
    return redirect(team)


@member_or_provider_required
@require_POST
def team_leave_view(request: AuthedRequest, pk: int) -> HttpResponse:
    team = _team_or_404(request, pk)
    challenge = team.challenge
    try:
        services.team_leave(user=request.user, team=team)
    except ChallengeError as error:
        messages.error(request, str(error))
        return redirect(team)
    messages.success(request, _("You left the team."))
    return redirect(challenge)


@member_or_provider_required
@require_POST
def invitation_respond_view(request: AuthedRequest, pk: int) -> HttpResponse:
    membership = selectors.invitation_get(user=request.user, pk=pk)
    if membership is None:
        raise Http404
    if request.POST.get("action") == "accept":
        try:
            team = services.invitation_accept(user=request.user, membership=membership)
        except ChallengeError as error:
            messages.error(request, str(error))
            return redirect("community:challenge-list")
        messages.success(request, _("You joined the team."))
        return redirect(team)
    services.invitation_decline(user=request.user, membership=membership)
    messages.success(request, _("The invitation is declined."))
    return redirect("community:challenge-list")


@member_or_provider_required
def submission_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """Create or edit the team's submission. After the deadline the form comes
    back with what was typed and the server's time: nothing is lost."""
    team = _team_or_404(request, pk)
    submission = selectors.submission_of(team=team)
    initial = {}
    if submission is not None:
        initial = {
            "title": submission.title,
            "summary": submission.summary,
            "stage": submission.stage_id,
            "repository_url": submission.repository_url,
            "demo_url": submission.demo_url,
            "tool": submission.tool_id,
        }
    else:
        initial = {"stage": team.challenge.stage_id}
    form = SubmissionForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_save(user=request.user, team=team, **form.cleaned_data)
        except ChallengeError as error:
            form.add_error(None, str(error))
            status = 400
        else:
            messages.success(
                request,
                _("Your submission is saved. You may edit it until the deadline."),
            )
            return redirect(team)
    return render(
        request,
        "community/challenges/submission_form.html",
        {
            "form": form,
            "team": team,
            "challenge": team.challenge,
            "submission": submission,
            "viewer_zone": selectors.viewer_zone(user=request.user),
        },
        status=status,
    )


@member_or_provider_required
def submission_attachment_view(request: AuthedRequest, pk: int) -> FileResponse:
    """The attachment, for its team, the challenge's judges and staff only."""
    submission = _submission_or_404(request, pk)
    if not submission.attachment:
        raise Http404
    try:
        handle = submission.attachment.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=submission.attachment_name or "attachment",
        content_type=submission.attachment_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@permission_required(Perm.EDIT_CATALOGUE)
@require_POST
def submission_outcome_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """An editor turns a winning submission into a draft Learning Centre resource."""
    submission = selectors.winning_submission_get(pk=pk)
    if submission is None:
        raise Http404
    try:
        services.outcome_resource_create(editor=request.user, submission=submission)
    except ChallengeError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "A draft resource is created from this submission: finish, translate and publish it in the Learning Centre's administration."  # noqa: E501
            ),
        )
    return redirect(submission.team.challenge)
