"""Reads of challenges: who may see, join, submit, judge; nothing writes here."""

from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.roles import Perm
from community.models import (
    Challenge,
    ConflictDeclaration,
    Criterion,
    Eligibility,
    Judge,
    MemberProfile,
    MembershipStatus,
    Partner,
    Score,
    Submission,
    Team,
    TeamMembership,
    TeamMembershipRecord,
)
from onboarding.models import Application
from tools_catalog.models import Provider, Tool
from tools_catalog.names import provider_name_key


def user_is_member(user: User) -> bool:
    return user.has_perm(Perm.USE_MEMBER_AREA)


def user_is_provider(user: User) -> bool:
    return user.has_perm(Perm.USE_PROVIDER_PORTAL) and not user_is_member(user)


def eligibility_for(user: User) -> list[str]:
    """The eligibility values of challenges this user may take part in."""
    if user_is_member(user):
        return [Eligibility.MEMBERS, Eligibility.BOTH]
    if user.has_perm(Perm.USE_PROVIDER_PORTAL):
        return [Eligibility.PROVIDERS, Eligibility.BOTH]
    return []


def challenge_list(*, user: User) -> QuerySet[Challenge]:
    """Published challenges open to this user; staff who run them see drafts too."""
    challenges = (
        Challenge.objects.select_related("stage")
        .annotate(n_teams=Count("teams", distinct=True))
        .order_by("-registration_opens_at", "pk")
    )
    if user.has_perm(Perm.RUN_CHALLENGES):
        return challenges
    return challenges.published().filter(eligibility__in=eligibility_for(user))


def challenge_get(*, user: User, slug: str) -> Challenge | None:
    return challenge_list(user=user).filter(slug=slug).first()


def challenge_staff_get(*, slug: str) -> Challenge | None:
    return Challenge.objects.select_related("stage").filter(slug=slug).first()


def challenge_past_with_results(*, limit: int = 3) -> list[Challenge]:
    """For the public landing page: titles and the results summary, no names."""
    return list(
        Challenge.objects.published()
        .with_results()
        .select_related("stage")
        .order_by("-results_published_at")[:limit]
    )


def criteria_of(*, challenge: Challenge) -> QuerySet[Criterion]:
    return Criterion.objects.filter(challenge=challenge)


def judges_of(*, challenge: Challenge) -> QuerySet[Judge]:
    return Judge.objects.filter(challenge=challenge).select_related("user")


def user_is_judge(*, user: User, challenge: Challenge) -> bool:
    return Judge.objects.filter(challenge=challenge, user=user).exists()


def judge_sees_submissions(
    *, challenge: Challenge, now: datetime | None = None
) -> bool:
    """Judges read submissions only once the submission deadline has passed:
    before it, a judge would see rivals' work while the teams still build."""
    return (now or timezone.now()) >= challenge.build_ends_at


def took_part(*, user: User, challenge: Challenge) -> bool:
    """Is, or ever was, in a team of this challenge (leaving leaves a record)."""
    return (
        TeamMembership.objects.filter(
            challenge=challenge, user=user, status=MembershipStatus.ACTIVE
        ).exists()
        or TeamMembershipRecord.objects.filter(challenge=challenge, user=user).exists()
    )


def judge_candidates() -> QuerySet[User]:
    """Staff or members (invited by staff): never provider representatives."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename=Perm.USE_MEMBER_AREA.codename)
            | Q(user_permissions__codename=Perm.USE_MEMBER_AREA.codename)
        )
        .distinct()
        .order_by("full_name", "email")
    )


def team_of(*, user: User, challenge: Challenge) -> Team | None:
    """The team this user belongs to in this challenge (active membership)."""
    return Team.objects.filter(
        challenge=challenge,
        memberships__user=user,
        memberships__status=MembershipStatus.ACTIVE,
    ).first()


def team_get_for_member(*, user: User, pk: int) -> Team | None:
    """A team this user belongs to; anyone else's team is None (404)."""
    return (
        Team.objects.select_related("challenge", "challenge__stage")
        .filter(
            pk=pk,
            memberships__user=user,
            memberships__status=MembershipStatus.ACTIVE,
        )
        .first()
    )


def team_members(*, team: Team) -> QuerySet[TeamMembership]:
    return TeamMembership.objects.filter(team=team).select_related("user")


def active_count(*, team: Team) -> int:
    return TeamMembership.objects.filter(
        team=team, status=MembershipStatus.ACTIVE
    ).count()


def invitations_for(*, user: User) -> QuerySet[TeamMembership]:
    return TeamMembership.objects.filter(
        user=user, status=MembershipStatus.INVITED
    ).select_related("team", "team__challenge")


def invitation_get(*, user: User, pk: int) -> TeamMembership | None:
    return invitations_for(user=user).filter(pk=pk).first()


def teams_of_user(*, user: User) -> QuerySet[Team]:
    return Team.objects.filter(
        memberships__user=user, memberships__status=MembershipStatus.ACTIVE
    ).select_related("challenge")


def submission_of(*, team: Team) -> Submission | None:
    return Submission.objects.filter(team=team).select_related("stage").first()


def submission_get_for_viewer(*, user: User, pk: int) -> Submission | None:
    """A submission its team, its challenge's judges or challenge staff may open.

    Anyone else (another team, a provider guessing ids) gets None: a 404.
    """
    submission = (
        Submission.objects.select_related("team", "team__challenge", "stage")
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        return None
    challenge = submission.team.challenge
    if user.has_perm(Perm.RUN_CHALLENGES):
        return submission
    in_team = TeamMembership.objects.filter(
        team=submission.team, user=user, status=MembershipStatus.ACTIVE
    ).exists()
    if in_team:
        return submission
    if user_is_judge(user=user, challenge=challenge) and judge_sees_submissions(
        challenge=challenge
    ):
        return submission
    return None


def submissions_of(*, challenge: Challenge) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(team__challenge=challenge)
        .select_related("team", "stage")
        .order_by("submitted_at", "pk")
    )


def organisation_keys(*, user: User) -> set[str]:
    """The organisations a person belongs to, as comparable keys.

    A provider representative: each provider they represent. A member: their
    agency as written in the community profile and in their approved application
    (keyed by ``provider_name_key``: "Police Nationale." is "POLICE—NATIONALE").
    """
    keys = {
        f"provider:{pk}"
        for pk in Provider.objects.filter(representatives=user).values_list(
            "pk", flat=True
        )
    }
    agencies = list(
        MemberProfile.objects.filter(user=user).values_list("agency", flat=True)
    ) + list(
        Application.objects.filter(
            user=user, status=Application.Status.APPROVED
        ).values_list("agency_name", flat=True)
    )
    # Free text: compared as the catalogue compares look-alike organisation
    # names (Unicode NFKC, case, punctuation, dashes, dots, legal suffixes).
    # Erring towards "same" only keeps a judge away from a team.
    keys |= {
        f"agency:{key}" for agency in agencies if (key := provider_name_key(agency))
    }
    return keys


def judge_conflicted_with(*, judge: User, team: Team) -> bool:
    """True when the judge declared a conflict with the team, belongs or ever
    belonged to it, or shares an organisation with anyone who is or was in it."""
    if ConflictDeclaration.objects.filter(judge=judge, team=team).exists():
        return True
    member_ids = set(
        TeamMembership.objects.filter(
            team=team, status=MembershipStatus.ACTIVE
        ).values_list("user_id", flat=True)
    ) | set(
        TeamMembershipRecord.objects.filter(team=team).values_list("user_id", flat=True)
    )
    if judge.pk in member_ids:
        return True
    mine = organisation_keys(user=judge)
    if not mine:
        return False
    return any(
        mine & organisation_keys(user=member)
        for member in User.objects.filter(pk__in=member_ids)
    )


def scores_by(*, judge: User, submission: Submission) -> dict[int, Score]:
    return {
        score.criterion_id: score
        for score in Score.objects.filter(judge=judge, submission=submission)
    }


def team_scores(*, team: Team) -> QuerySet[Score]:
    """A team's own scores, for after the results: judges are not named."""
    return (
        Score.objects.filter(submission__team=team)
        .select_related("criterion")
        .order_by("criterion__position", "criterion__pk", "judge_id")
    )


def judging_queue(*, judge: User, challenge: Challenge) -> list[Submission]:
    """Submissions to judge, with how many criteria this judge has scored;
    none before the submission deadline."""
    if not judge_sees_submissions(challenge=challenge):
        return []
    return list(
        submissions_of(challenge=challenge).annotate(
            n_scored=Count("scores", filter=Q(scores__judge=judge)),
        )
    )


def scores_missing(*, challenge: Challenge) -> int:
    """How many scores are still to give: every judge scores every submission
    they are not in conflict with, on every criterion."""
    n_criteria = criteria_of(challenge=challenge).count()
    if not n_criteria:
        return 0
    given: dict[tuple[int, int], int] = {}
    for judge_id, submission_id in Score.objects.filter(
        submission__team__challenge=challenge
    ).values_list("judge_id", "submission_id"):
        given[(judge_id, submission_id)] = given.get((judge_id, submission_id), 0) + 1
    missing = 0
    submissions = list(submissions_of(challenge=challenge))
    for judge in judges_of(challenge=challenge):
        for submission in submissions:
            if judge_conflicted_with(judge=judge.user, team=submission.team):
                continue
            missing += max(0, n_criteria - given.get((judge.user_id, submission.pk), 0))
    return missing


def partner_list() -> QuerySet[Partner]:
    return Partner.objects.all()


def challenge_staff_list() -> QuerySet[Challenge]:
    return (
        Challenge.objects.select_related("stage")
        .annotate(
            n_teams=Count("teams", distinct=True),
            n_submissions=Count("teams__submission", distinct=True),
        )
        .order_by("-registration_opens_at")
    )


def viewer_zone(*, user: User) -> str:
    """The viewer's chosen time zone (community settings), else UTC; never creates."""
    zone = (
        MemberProfile.objects.filter(user=user)
        .values_list("time_zone", flat=True)
        .first()
    )
    return zone or "UTC"


def open_teams_of(*, user: User) -> list[Team]:
    """The viewer's teams in challenges open for registration (to invite into)."""
    return [
        team for team in teams_of_user(user=user) if team.challenge.registration_open()
    ]


def winning_submissions(*, challenge: Challenge, ranks: int = 3) -> list[Submission]:
    """The first ``ranks`` of a challenge whose results are published, else none."""
    if not challenge.has_results:
        return []
    return list(
        Submission.objects.filter(team__challenge=challenge, rank__lte=ranks)
        .select_related("team")
        .order_by("rank")
    )


def winning_submission_get(*, pk: int, ranks: int = 3) -> Submission | None:
    return (
        Submission.objects.select_related("team", "team__challenge", "stage")
        .filter(
            pk=pk,
            rank__lte=ranks,
            team__challenge__results_published_at__isnull=False,
        )
        .first()
    )


def outcomes_for_tool(*, tool: Tool) -> list[Submission]:
    """Ranked submissions that improve this tool, once results are published:
    the tool's page says "built at challenge X". Teams, not people."""
    return list(
        Submission.objects.filter(
            tool=tool, team__challenge__results_published_at__isnull=False
        )
        .select_related("team", "team__challenge")
        .order_by("-team__challenge__results_published_at", "rank")[:10]
    )


def outcomes_for_provider(*, user: User) -> list[Submission]:
    """The same, for every tool of the provider representative's organisations."""
    return list(
        Submission.objects.filter(
            tool__provider__representatives=user,
            team__challenge__results_published_at__isnull=False,
        )
        .select_related("team", "team__challenge", "tool")
        .order_by("-team__challenge__results_published_at", "rank")[:20]
    )
