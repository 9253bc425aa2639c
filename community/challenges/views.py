"""Challenge pages: participants (members and provider representatives),
judges, and the staff who run challenges (``Perm.RUN_CHALLENGES``)."""

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
    ChallengeForm,
    CriterionFormSet,
    JoinCodeForm,
    JudgeAssignForm,
    ResultsForm,
    ScoreForm,
    SubmissionForm,
    TeamForm,
    criteria_initial,
)
from community.models.challenges import Challenge, Submission, Team
from community.permissions import member_or_provider_required
from community.selectors import directory_profile
from core.markdown import markdown_render


def _challenge_or_404(request: AuthedRequest, slug: str) -> Challenge:
    challenge = selectors.challenge_get(user=request.user, slug=slug)
    if challenge is None:
        raise Http404
    return challenge


def _team_or_404(request: AuthedRequest, pk: int) -> Team:
    team = selectors.team_get_for_member(user=request.user, pk=pk)
    if team is None:
        raise Http404
    return team


def _staff_challenge_or_404(slug: str) -> Challenge:
    challenge = selectors.challenge_staff_get(slug=slug)
    if challenge is None:
        raise Http404
    return challenge


def _submission_or_404(request: AuthedRequest, pk: int) -> Submission:
    submission = selectors.submission_get_for_viewer(user=request.user, pk=pk)
    if submission is None:
        raise Http404
    return submission


# --- Participants --------------------------------------------------------------


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


# --- Judges --------------------------------------------------------------------


@permission_required(Perm.USE_MEMBER_AREA)
def judging_list_view(request: AuthedRequest, slug: str) -> HttpResponse:
    challenge = _challenge_or_404(request, slug)
    if not selectors.user_is_judge(user=request.user, challenge=challenge):
        raise Http404
    return render(
        request,
        "community/challenges/judging_list.html",
        {
            "challenge": challenge,
            "submissions": selectors.judging_queue(
                judge=request.user, challenge=challenge
            ),
            "n_criteria": selectors.criteria_of(challenge=challenge).count(),
            "judging_open": challenge.judging(),
        },
    )


def _judged_submission_or_404(request: AuthedRequest, pk: int) -> Submission:
    submission = _submission_or_404(request, pk)
    if not selectors.user_is_judge(
        user=request.user, challenge=submission.team.challenge
    ):
        raise Http404
    return submission


@permission_required(Perm.USE_MEMBER_AREA)
def submission_score_view(request: AuthedRequest, pk: int) -> HttpResponse:
    submission = _judged_submission_or_404(request, pk)
    challenge = submission.team.challenge
    criteria = list(selectors.criteria_of(challenge=challenge))
    existing = selectors.scores_by(judge=request.user, submission=submission)
    initial = {}
    for criterion_id, score in existing.items():
        initial[f"score_{criterion_id}"] = score.value
        initial[f"comment_{criterion_id}"] = score.comment
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    conflicted = selectors.judge_conflicted_with(
        judge=request.user, team=submission.team
    )
    status = 403 if conflicted and request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.scores_save(
                judge=request.user, submission=submission, values=form.values()
            )
        except ChallengeError as error:
            form.add_error(None, str(error))
            status = 403 if conflicted else 400
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("community:judging-list", slug=challenge.slug)
    return render(
        request,
        "community/challenges/submission_score.html",
        {
            "form": form,
            "submission": submission,
            "challenge": challenge,
            "conflicted": conflicted,
        },
        status=status,
    )


@permission_required(Perm.USE_MEMBER_AREA)
@require_POST
def submission_conflict_view(request: AuthedRequest, pk: int) -> HttpResponse:
    submission = _judged_submission_or_404(request, pk)
    services.conflict_declare(judge=request.user, submission=submission)
    messages.success(
        request,
        _("Your conflict of interest is recorded: you will not judge this team."),
    )
    return redirect("community:judging-list", slug=submission.team.challenge.slug)


# --- Staff ---------------------------------------------------------------------


@permission_required(Perm.RUN_CHALLENGES)
def challenge_staff_list_view(request: AuthedRequest) -> HttpResponse:
    page = Paginator(selectors.challenge_staff_list(), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "community/challenges/staff_list.html", {"page_obj": page})


def _challenge_form_page(
    request: AuthedRequest, challenge: Challenge | None
) -> HttpResponse:
    instance = challenge or Challenge()
    form = ChallengeForm(request.POST or None, instance=instance)
    formset = CriterionFormSet(
        request.POST or None,
        prefix="criteria",
        initial=criteria_initial(challenge) if challenge else None,
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        criteria = [
            {
                "name": f.cleaned_data["name"],
                "description": f.cleaned_data.get("description", ""),
                "weight": f.cleaned_data["weight"],
            }
            for f in formset.forms
            if f.cleaned_data.get("name")
        ]
        try:
            saved = services.challenge_save(
                actor=request.user, challenge=form.save(commit=False), criteria=criteria
            )
        except ChallengeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The challenge is saved."))
            return redirect("community:challenge-judges", slug=saved.slug)
    return render(
        request,
        "community/challenges/challenge_form.html",
        {"form": form, "formset": formset, "challenge": challenge},
    )


@permission_required(Perm.RUN_CHALLENGES)
def challenge_create_view(request: AuthedRequest) -> HttpResponse:
    return _challenge_form_page(request, None)


@permission_required(Perm.RUN_CHALLENGES)
def challenge_edit_view(request: AuthedRequest, slug: str) -> HttpResponse:
    return _challenge_form_page(request, _staff_challenge_or_404(slug))


@permission_required(Perm.RUN_CHALLENGES)
@require_POST
def challenge_publish_view(request: AuthedRequest, slug: str) -> HttpResponse:
    challenge = _staff_challenge_or_404(slug)
    try:
        services.challenge_publish(actor=request.user, challenge=challenge)
    except ChallengeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The challenge is published."))
    return redirect("community:challenge-judges", slug=challenge.slug)


@permission_required(Perm.RUN_CHALLENGES)
def challenge_judges_view(request: AuthedRequest, slug: str) -> HttpResponse:
    """The challenge's staff page: publish, and assign or remove judges."""
    challenge = _staff_challenge_or_404(slug)
    form = JudgeAssignForm(
        request.POST or None, candidates=selectors.judge_candidates()
    )
    if request.method == "POST":
        if "remove" in request.POST:
            try:
                services.judge_remove(
                    actor=request.user,
                    challenge=challenge,
                    judge_id=int(request.POST["remove"])
                    if request.POST["remove"].isdigit()
                    else 0,
                )
            except ChallengeError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The judge is removed."))
            return redirect("community:challenge-judges", slug=challenge.slug)
        if form.is_valid():
            try:
                services.judge_assign(
                    actor=request.user,
                    challenge=challenge,
                    user=form.cleaned_data["user"],
                )
            except ChallengeError as error:
                form.add_error("user", str(error))
            else:
                messages.success(request, _("The judge is assigned."))
                return redirect("community:challenge-judges", slug=challenge.slug)
    return render(
        request,
        "community/challenges/challenge_judges.html",
        {
            "challenge": challenge,
            "form": form,
            "judges": selectors.judges_of(challenge=challenge),
            "criteria": selectors.criteria_of(challenge=challenge),
        },
    )


@permission_required(Perm.RUN_CHALLENGES)
def challenge_results_view(request: AuthedRequest, slug: str) -> HttpResponse:
    """The weighted ranking as it stands; publishing it is audited."""
    challenge = _staff_challenge_or_404(slug)
    form = ResultsForm(
        request.POST or None, initial={"summary": challenge.results_summary}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.results_publish(
                actor=request.user,
                challenge=challenge,
                summary=form.cleaned_data["summary"],
            )
        except ChallengeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The results are published."))
            return redirect("community:challenge-results", slug=challenge.slug)
    return render(
        request,
        "community/challenges/challenge_results.html",
        {
            "challenge": challenge,
            "form": form,
            "ranking": services.ranking_compute(challenge=challenge),
            "criteria": list(selectors.criteria_of(challenge=challenge)),
            "teams": selectors.teams_with_members(challenge=challenge),
        },
    )
