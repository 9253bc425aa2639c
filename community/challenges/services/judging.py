"""Judges: scores per criterion, conflicts of interest."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from community.challenges import selectors
from community.challenges.errors import (
    ChallengeError,
    ConflictOfInterestError,
)
from community.models import (
    SCORE_MAX,
    SCORE_MIN,
    Challenge,
    ConflictDeclaration,
    Criterion,
    Score,
    Submission,
)

# --- Judges ------------------------------------------------------------------------


def _check_may_judge(judge: User, submission: Submission) -> Challenge:
    challenge = submission.team.challenge
    if not selectors.user_is_judge(user=judge, challenge=challenge):
        raise ChallengeError(_("You are not a judge of this challenge."))
    if selectors.judge_conflicted_with(judge=judge, team=submission.team):
        raise ConflictOfInterestError(
            _(
                "You cannot judge this team: someone in it is from your organisation, or you declared a conflict of interest."  # noqa: E501
            )
        )
    if timezone.now() < challenge.build_ends_at:
        raise ChallengeError(_("Judging starts after the submission deadline."))
    if challenge.results_published_at:
        raise ChallengeError(_("The results are published: scores are final."))
    return challenge


@transaction.atomic
def scores_save(
    *,
    judge: User,
    submission: Submission,
    values: dict[int, tuple[int, str]],
) -> list[Score]:
    """Save this judge's score and comment per criterion (criterion id ->
    (score, comment)); every criterion of the challenge, each within range."""
    challenge = _check_may_judge(judge, submission)
    criteria = {c.pk: c for c in Criterion.objects.filter(challenge=challenge)}
    if set(values) != set(criteria):
        raise ChallengeError(_("Score every criterion of this challenge."))
    for value, _comment in values.values():
        if not SCORE_MIN <= value <= SCORE_MAX:
            raise ChallengeError(
                _("Scores run from %(low)d to %(high)d.")
                % {"low": SCORE_MIN, "high": SCORE_MAX}
            )
    saved = []
    for criterion_id, (value, comment) in values.items():
        score, _created = Score.objects.update_or_create(
            submission=submission,
            judge=judge,
            criterion_id=criterion_id,
            defaults={"value": value, "comment": comment, "scored_at": timezone.now()},
        )
        saved.append(score)
    return saved


@transaction.atomic
def conflict_declare(*, judge: User, submission: Submission) -> None:
    """A judge steps aside from a team; any scores they gave it are removed."""
    challenge = submission.team.challenge
    if not selectors.user_is_judge(user=judge, challenge=challenge):
        raise ChallengeError(_("You are not a judge of this challenge."))
    ConflictDeclaration.objects.get_or_create(judge=judge, team=submission.team)
    Score.objects.filter(judge=judge, submission=submission).delete()
