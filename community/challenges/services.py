"""Writes of challenges: publishing, judges, teams, submissions, scores, results.

Every function checks the rule it enforces (timeline, eligibility, team size,
conflicts of interest) and raises a ``ChallengeError`` whose message is shown as
is; staff actions are audited.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import audit_event_record
from community.audit import CommunityAction
from community.challenges import selectors
from community.challenges.attachments import attachment_check
from community.challenges.errors import (
    ChallengeError,
    ConflictOfInterestError,
    DeadlinePassedError,
)
from community.models.challenges import (
    SCORE_MAX,
    SCORE_MIN,
    Challenge,
    ConflictDeclaration,
    Criterion,
    Judge,
    MembershipStatus,
    Score,
    Submission,
    Team,
    TeamMembership,
)
from learning_centre.models import Stage

CHALLENGE_FIELDS = (
    "title",
    "slug",
    "problem",
    "stage_id",
    "rules",
    "eligibility",
    "team_size_max",
    "registration_opens_at",
    "registration_closes_at",
    "build_ends_at",
    "judging_ends_at",
    "results_at",
)


def _snapshot(challenge: Challenge) -> dict[str, str]:
    return {name: str(getattr(challenge, name)) for name in CHALLENGE_FIELDS}


def server_time_text() -> str:
    now = timezone.now()
    return f"{formats.date_format(now, 'DATETIME_FORMAT')} UTC"


# --- Staff: challenges, judges, results ----------------------------------------


@transaction.atomic
def challenge_save(
    *,
    actor: User,
    challenge: Challenge,
    criteria: list[dict[str, Any]] | None = None,
) -> Challenge:
    """Create or update a challenge (staff); ``criteria`` replaces the criteria."""
    before: dict[str, str] = {}
    if challenge.pk:
        before = _snapshot(Challenge.objects.get(pk=challenge.pk))
    challenge.full_clean()
    challenge.save()
    if criteria is not None:
        if (
            challenge.published_at
            and Score.objects.filter(submission__team__challenge=challenge).exists()
        ):
            raise ChallengeError(
                _("Judging has begun: the criteria can no longer change.")
            )
        Criterion.objects.filter(challenge=challenge).delete()
        Criterion.objects.bulk_create(
            Criterion(challenge=challenge, position=i, **values)
            for i, values in enumerate(criteria)
        )
    after = _snapshot(challenge)
    changed_after = {k: v for k, v in after.items() if before.get(k) != v}
    if criteria is not None:
        changed_after["criteria"] = ", ".join(
            f"{c['name']} ({c['weight']})" for c in criteria
        )
    audit_event_record(
        actor=actor,
        action=CommunityAction.CHALLENGE_SAVED,
        target=challenge,
        before={k: v for k, v in before.items() if after.get(k) != v},
        after=changed_after,
    )
    return challenge


@transaction.atomic
def challenge_publish(*, actor: User, challenge: Challenge) -> Challenge:
    """Make a challenge visible to those eligible; needs criteria first."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.published_at:
        raise ChallengeError(_("This challenge is already published."))
    if not Criterion.objects.filter(challenge=challenge).exists():
        raise ChallengeError(_("Add at least one judging criterion before publishing."))
    challenge.published_at = timezone.now()
    challenge.save(update_fields=["published_at"])
    audit_event_record(
        actor=actor,
        action=CommunityAction.CHALLENGE_PUBLISHED,
        target=challenge,
        after={"published_at": challenge.published_at.isoformat()},
    )
    return challenge


@transaction.atomic
def judge_assign(*, actor: User, challenge: Challenge, user: User) -> Judge:
    if not selectors.judge_candidates().filter(pk=user.pk).exists():
        raise ChallengeError(_("Judges are staff or members."))
    judge, created = Judge.objects.get_or_create(challenge=challenge, user=user)
    if not created:
        raise ChallengeError(_("This person is already a judge of this challenge."))
    audit_event_record(
        actor=actor,
        action=CommunityAction.JUDGE_ASSIGNED,
        target=challenge,
        after={"judge": user.pk},
    )
    return judge


@transaction.atomic
def judge_remove(*, actor: User, challenge: Challenge, judge_id: int) -> None:
    judge = Judge.objects.filter(challenge=challenge, pk=judge_id).first()
    if judge is None:
        raise ChallengeError(_("This person is not a judge of this challenge."))
    Score.objects.filter(
        judge_id=judge.user_id, submission__team__challenge=challenge
    ).delete()
    judge.delete()
    audit_event_record(
        actor=actor,
        action=CommunityAction.JUDGE_REMOVED,
        target=challenge,
        before={"judge": judge.user_id},
    )


@dataclass
class Ranked:
    submission: Submission
    total: Decimal
    by_criterion: dict[int, Decimal]
    rank: int = 0


TIE_BREAK_RULE = (
    "Equal weighted totals are separated by the higher mean score on the "
    "heaviest criterion, then the next heaviest, and so on; then by the "
    "earlier first submission."
)


def ranking_compute(*, challenge: Challenge) -> list[Ranked]:
    """Weighted ranking of the challenge's submissions.

    A submission's total is the weighted mean, over the criteria, of the mean
    score its judges gave on each criterion (a criterion nobody scored counts as
    0), on the 0 to 10 scale. Ties: ``TIE_BREAK_RULE``. Equal on every count, the
    same rank is not shared: the earlier submission goes first.
    """
    criteria = list(Criterion.objects.filter(challenge=challenge))
    total_weight = sum(c.weight for c in criteria) or 1
    heaviest_first = sorted(criteria, key=lambda c: (-c.weight, c.position, c.pk))
    sums: dict[tuple[int, int], list[int]] = {}
    for submission_id, criterion_id, value in Score.objects.filter(
        submission__team__challenge=challenge
    ).values_list("submission_id", "criterion_id", "value"):
        sums.setdefault((submission_id, criterion_id), []).append(value)
    rows = []
    for submission in selectors.submissions_of(challenge=challenge):
        means = {}
        for criterion in criteria:
            values = sums.get((submission.pk, criterion.pk), [])
            means[criterion.pk] = (
                Decimal(sum(values)) / len(values) if values else Decimal(0)
            )
        total = sum((means[c.pk] * c.weight for c in criteria), Decimal(0)) / Decimal(
            total_weight
        )
        rows.append(
            Ranked(
                submission=submission,
                total=total.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP),
                by_criterion=means,
            )
        )
    rows.sort(
        key=lambda r: (
            -r.total,
            *(-r.by_criterion[c.pk] for c in heaviest_first),
            r.submission.submitted_at,
            r.submission.pk,
        )
    )
    for position, row in enumerate(rows, start=1):
        row.rank = position
    return rows


@transaction.atomic
def results_publish(*, actor: User, challenge: Challenge, summary: str) -> list[Ranked]:
    """Store ranks and totals, open the results to teams; audited. Once only."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.results_published_at:
        raise ChallengeError(_("The results are already published."))
    if timezone.now() < challenge.build_ends_at:
        raise ChallengeError(
            _("Results can be published once the submission deadline has passed.")
        )
    ranking = ranking_compute(challenge=challenge)
    for row in ranking:
        row.submission.rank = row.rank
        row.submission.total = row.total
    Submission.objects.bulk_update([r.submission for r in ranking], ["rank", "total"])
    challenge.results_published_at = timezone.now()
    challenge.results_summary = summary
    challenge.save(update_fields=["results_published_at", "results_summary"])
    audit_event_record(
        actor=actor,
        action=CommunityAction.RESULTS_PUBLISHED,
        target=challenge,
        after={
            "ranking": [
                {"submission": r.submission.pk, "rank": r.rank, "total": str(r.total)}
                for r in ranking[:50]
            ]
        },
    )
    return ranking


# --- Participants: teams ---------------------------------------------------------


def _check_may_take_part(user: User, challenge: Challenge) -> None:
    if not challenge.published_at or challenge.eligibility not in (
        selectors.eligibility_for(user)
    ):
        raise ChallengeError(_("You cannot take part in this challenge."))


def _check_registration_open(challenge: Challenge) -> None:
    if not challenge.registration_open():
        raise DeadlinePassedError(
            _("Registration for this challenge is not open (server time: %(now)s).")
            % {"now": server_time_text()}
        )


def _check_not_in_a_team(user: User, challenge: Challenge, *, you: bool) -> None:
    if selectors.team_of(user=user, challenge=challenge) is not None:
        if you:
            raise ChallengeError(
                _("You are already in a team for this challenge: leave it first.")
            )
        raise ChallengeError(_("This person is already in a team for this challenge."))


def _check_room(team: Team, *, extra: int = 1) -> None:
    if selectors.active_count(team=team) + extra > team.challenge.team_size_max:
        raise ChallengeError(
            _("The team is full: at most %(n)d people.")
            % {"n": team.challenge.team_size_max}
        )


@transaction.atomic
def team_create(*, user: User, challenge: Challenge, name: str) -> Team:
    _check_may_take_part(user, challenge)
    _check_registration_open(challenge)
    _check_not_in_a_team(user, challenge, you=True)
    if Team.objects.filter(challenge=challenge, name__iexact=name.strip()).exists():
        raise ChallengeError(_("Another team already has this name."))
    try:
        with transaction.atomic():
            team = Team.objects.create(
                challenge=challenge, name=name.strip(), created_by=user
            )
            TeamMembership.objects.create(
                team=team,
                challenge=challenge,
                user=user,
                status=MembershipStatus.ACTIVE,
            )
    except IntegrityError as error:
        # Two clicks at once: the database's "one team per person" decided.
        raise ChallengeError(
            _("You are already in a team for this challenge: leave it first.")
        ) from error
    return team


@transaction.atomic
def team_invite(*, inviter: User, team: Team, invitee: User) -> TeamMembership:
    """Invite a person (chosen in the directory or among the team's
    organisation's representatives). They join when they accept."""
    challenge = team.challenge
    _check_registration_open(challenge)
    if not TeamMembership.objects.filter(
        team=team, user=inviter, status=MembershipStatus.ACTIVE
    ).exists():
        raise ChallengeError(_("Only the team's members may invite."))
    if challenge.eligibility not in selectors.eligibility_for(invitee):
        raise ChallengeError(_("This person cannot take part in this challenge."))
    _check_not_in_a_team(invitee, challenge, you=False)
    _check_room(team)
    membership, created = TeamMembership.objects.get_or_create(
        team=team,
        user=invitee,
        defaults={
            "challenge": challenge,
            "status": MembershipStatus.INVITED,
            "invited_by": inviter,
        },
    )
    if not created:
        raise ChallengeError(_("This person is already invited."))
    return membership


@transaction.atomic
def invitation_accept(*, user: User, membership: TeamMembership) -> Team:
    membership = TeamMembership.objects.select_for_update().get(pk=membership.pk)
    team = Team.objects.select_related("challenge").get(pk=membership.team_id)
    _check_registration_open(team.challenge)
    _check_not_in_a_team(user, team.challenge, you=True)
    _check_room(team)
    membership.status = MembershipStatus.ACTIVE
    try:
        with transaction.atomic():
            membership.save(update_fields=["status"])
    except IntegrityError as error:
        raise ChallengeError(
            _("You are already in a team for this challenge: leave it first.")
        ) from error
    return team


def invitation_decline(*, user: User, membership: TeamMembership) -> None:
    TeamMembership.objects.filter(
        pk=membership.pk, user=user, status=MembershipStatus.INVITED
    ).delete()


@transaction.atomic
def team_join_by_code(*, user: User, challenge: Challenge, code: str) -> Team:
    """Join with the code a team shared: how members and providers, who cannot
    see each other in the directory, form a team together."""
    _check_may_take_part(user, challenge)
    _check_registration_open(challenge)
    team = (
        Team.objects.select_for_update()
        .select_related("challenge")
        .filter(challenge=challenge, join_code=code.strip())
        .first()
    )
    if team is None:
        raise ChallengeError(_("No team of this challenge has this code."))
    _check_not_in_a_team(user, challenge, you=True)
    _check_room(team)
    try:
        with transaction.atomic():
            TeamMembership.objects.update_or_create(
                team=team,
                user=user,
                defaults={"challenge": challenge, "status": MembershipStatus.ACTIVE},
            )
    except IntegrityError as error:
        raise ChallengeError(
            _("You are already in a team for this challenge: leave it first.")
        ) from error
    return team


@transaction.atomic
def team_leave(*, user: User, team: Team) -> None:
    """Leave before the deadline; the last to leave a team without a
    submission takes the team away with them."""
    if timezone.now() >= team.challenge.build_ends_at:
        raise DeadlinePassedError(
            _("The submission deadline has passed: teams are final now.")
        )
    TeamMembership.objects.filter(team=team, user=user).delete()
    remaining = TeamMembership.objects.filter(
        team=team, status=MembershipStatus.ACTIVE
    ).exists()
    if not remaining and not Submission.objects.filter(team=team).exists():
        team.delete()


# --- Participants: submissions ---------------------------------------------------


@transaction.atomic
def submission_save(
    *,
    user: User,
    team: Team,
    title: str,
    summary: str,
    stage: Stage,
    repository_url: str = "",
    demo_url: str = "",
    attachment: UploadedFile | None = None,
) -> Submission:
    """Create or edit the team's submission, until the deadline (server time)."""
    challenge = Challenge.objects.select_for_update().get(pk=team.challenge_id)
    now = timezone.now()
    if now >= challenge.build_ends_at:
        raise DeadlinePassedError(
            _(
                "The submission deadline has passed (server time: %(now)s). Nothing was saved; your text is still in the form."  # noqa: E501
            )
            % {"now": server_time_text()}
        )
    if now < challenge.registration_opens_at:
        raise ChallengeError(_("Submissions open with registration."))
    if not TeamMembership.objects.filter(
        team=team, user=user, status=MembershipStatus.ACTIVE
    ).exists():
        raise ChallengeError(_("Only the team's members may submit."))
    kind = attachment_check(attachment) if attachment else None
    submission = Submission.objects.filter(team=team).first() or Submission(
        team=team, submitted_at=now
    )
    submission.title = title
    submission.summary = summary
    submission.stage = stage
    submission.repository_url = repository_url
    submission.demo_url = demo_url
    submission.updated_at = now
    if attachment is not None and kind is not None:
        if submission.attachment:
            submission.attachment.delete(save=False)
        submission.attachment_name = (attachment.name or "attachment")[:200]
        submission.attachment_type = kind.content_type
        submission.attachment.save(
            f"team-{team.pk}{kind.extensions[0]}", attachment, save=False
        )
    submission.full_clean(exclude=["attachment"])
    submission.save()
    return submission


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
