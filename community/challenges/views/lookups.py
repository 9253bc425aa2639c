"""The one place challenge views look objects up: anything the viewer may not
see is a 404, never a hint that it exists."""

from django.http import Http404

from accounts.types import AuthedRequest
from community.challenges import selectors
from community.models import Challenge, Submission, Team


def challenge_or_404(request: AuthedRequest, slug: str) -> Challenge:
    challenge = selectors.challenge_get(user=request.user, slug=slug)
    if challenge is None:
        raise Http404
    return challenge


def team_or_404(request: AuthedRequest, pk: int) -> Team:
    team = selectors.team_get_for_member(user=request.user, pk=pk)
    if team is None:
        raise Http404
    return team


def staff_challenge_or_404(slug: str) -> Challenge:
    challenge = selectors.challenge_staff_get(slug=slug)
    if challenge is None:
        raise Http404
    return challenge


def submission_or_404(request: AuthedRequest, pk: int) -> Submission:
    submission = selectors.submission_get_for_viewer(user=request.user, pk=pk)
    if submission is None:
        raise Http404
    return submission
