"""Judges' pages: the queue and the score form (404 to anyone else)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from community.challenges import selectors, services
from community.challenges.errors import ChallengeError
from community.challenges.forms import (
    ScoreForm,
)
from community.challenges.views.lookups import (
    challenge_or_404 as _challenge_or_404,
)
from community.challenges.views.lookups import (
    submission_or_404 as _submission_or_404,
)
from community.models import Submission


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
    initial: dict[str, object] = {}
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
