"""Participants: teams (create, invite, join, leave) and their submissions."""

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from community.challenges import selectors
from community.challenges.attachments import attachment_check
from community.challenges.errors import (
    ChallengeError,
    DeadlinePassedError,
)
from community.challenges.services import notifications
from community.models import (
    Challenge,
    MembershipStatus,
    Submission,
    Team,
    TeamMembership,
    TeamMembershipRecord,
)
from learning_centre.models import Stage
from tools_catalog.models import Tool


def server_time_text() -> str:
    now = timezone.now()
    return f"{formats.date_format(now, 'DATETIME_FORMAT')} UTC"


# --- Participants: teams ---------------------------------------------------------


def _check_may_take_part(user: User, challenge: Challenge) -> None:
    if not challenge.published_at or challenge.eligibility not in (
        selectors.eligibility_for(user)
    ):
        raise ChallengeError(_("You cannot take part in this challenge."))


def _check_not_a_judge(user: User, challenge: Challenge, *, you: bool) -> None:
    """Judges and participants are apart: a judge may not be in a team."""
    if selectors.user_is_judge(user=user, challenge=challenge):
        if you:
            raise ChallengeError(
                _("You are a judge of this challenge: judges cannot join a team.")
            )
        raise ChallengeError(
            _("This person is a judge of this challenge: judges cannot join a team.")
        )


def _record_joined(user: User, team: Team) -> None:
    TeamMembershipRecord.objects.create(
        challenge_id=team.challenge_id, team=team, user=user
    )


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
        size = team.challenge.team_size_max
        raise ChallengeError(
            ngettext(
                "The team is full: at most %(n)d person.",
                "The team is full: at most %(n)d people.",
                size,
            )
            % {"n": size}
        )


@transaction.atomic
def team_create(*, user: User, challenge: Challenge, name: str) -> Team:
    _check_may_take_part(user, challenge)
    _check_not_a_judge(user, challenge, you=True)
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
            _record_joined(user, team)
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
    _check_not_a_judge(invitee, challenge, you=False)
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
    notifications.invitation_email(membership=membership)
    return membership


@transaction.atomic
def invitation_accept(*, user: User, membership: TeamMembership) -> Team:
    membership = TeamMembership.objects.select_for_update().get(pk=membership.pk)
    team = Team.objects.select_related("challenge").get(pk=membership.team_id)
    _check_not_a_judge(user, team.challenge, you=True)
    _check_registration_open(team.challenge)
    _check_not_in_a_team(user, team.challenge, you=True)
    _check_room(team)
    membership.status = MembershipStatus.ACTIVE
    try:
        with transaction.atomic():
            membership.save(update_fields=["status"])
            _record_joined(user, team)
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
    _check_not_a_judge(user, challenge, you=True)
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
            _record_joined(user, team)
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
    # The record stays: a judge may not have competed, conflicts remember.
    TeamMembershipRecord.objects.filter(team=team, user=user, left_at=None).update(
        left_at=timezone.now()
    )
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
    tool: Tool | None = None,
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
    submission.tool = tool
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
    first = submission.pk is None
    submission.save()
    if first:
        # One email per team-mate when the submission arrives; edits until
        # the deadline send nothing (the team page shows the latest version).
        notifications.submission_received_email(submission=submission)
    return submission
