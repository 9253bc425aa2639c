"""Challenge emails, each through the outbox in its recipient's language.

Immediate ones (an invitation, a submission received, the results) are
enqueued by the service that causes them, after its commit. The beat job's
(registration open, deadline in 24 h) claim their challenge with a conditional
UPDATE first, so a second run sends nothing; dedupe keys guard each email too.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Perm
from accounts.selectors import user_list_with_capability, user_own_name
from community import conf
from community.models import (
    Challenge,
    Eligibility,
    MembershipStatus,
    Submission,
    Team,
    TeamMembership,
)
from outbox.emails import email_user_enqueue

DEADLINE_NOTICE = timedelta(hours=24)


def _context(user: User, challenge: Challenge, path: str) -> dict[str, object]:
    return {
        "user_name": user_own_name(user),
        "challenge_title": challenge.title,
        "url": conf.site_url(path),
        "deadline": challenge.build_ends_at,
    }


def _team_users(team: Team) -> list[User]:
    return [
        m.user
        for m in TeamMembership.objects.filter(
            team=team, status=MembershipStatus.ACTIVE
        ).select_related("user")
    ]


def invitation_email(*, membership: TeamMembership) -> None:
    team = membership.team
    email_user_enqueue(
        user=membership.user,
        template_prefix="community/team_invitation",
        context={
            **_context(
                membership.user, team.challenge, reverse("community:challenge-list")
            ),
            "team_name": team.name,
        },
        dedupe_key=f"community-team-invitation:{membership.pk}",
    )


def submission_received_email(*, submission: Submission) -> None:
    team = submission.team
    for user in _team_users(team):
        email_user_enqueue(
            user=user,
            template_prefix="community/submission_received",
            context={
                **_context(user, team.challenge, team.get_absolute_url()),
                "submission_title": submission.title,
            },
            # Once per submission and person, however often it is saved.
            dedupe_key=f"community-submission:{submission.pk}:{user.pk}",
        )


def results_email(*, challenge: Challenge) -> None:
    for team in Team.objects.filter(challenge=challenge):
        for user in _team_users(team):
            email_user_enqueue(
                user=user,
                template_prefix="community/challenge_results",
                context=_context(user, challenge, team.get_absolute_url()),
                dedupe_key=f"community-results:{challenge.pk}:{user.pk}",
            )


def _eligible_users(challenge: Challenge) -> list[User]:
    perms = {
        Eligibility.MEMBERS: [Perm.USE_MEMBER_AREA],
        Eligibility.PROVIDERS: [Perm.USE_PROVIDER_PORTAL],
        Eligibility.BOTH: [Perm.USE_MEMBER_AREA, Perm.USE_PROVIDER_PORTAL],
    }[Eligibility(challenge.eligibility)]
    users: dict[int, User] = {}
    for perm in perms:
        for user in user_list_with_capability(perm=perm):
            users[user.pk] = user
    return list(users.values())


def announcements_due() -> tuple[list[int], list[int]]:
    """(challenges whose registration opened, whose deadline is within 24 h),
    not yet announced."""
    now = timezone.now()
    published = Challenge.objects.published().filter(results_published_at=None)
    opened = published.filter(
        registration_announced_at=None,
        registration_opens_at__lte=now,
        registration_closes_at__gt=now,
    )
    closing = published.filter(
        Q(deadline_reminded_at=None),
        build_ends_at__gt=now,
        build_ends_at__lte=now + DEADLINE_NOTICE,
    )
    return (
        list(opened.values_list("pk", flat=True)),
        list(closing.values_list("pk", flat=True)),
    )


@transaction.atomic
def registration_open_send(*, challenge_id: int) -> bool:
    """Tell everyone eligible that registration is open; False if done before."""
    claimed = Challenge.objects.filter(
        pk=challenge_id, registration_announced_at=None
    ).update(registration_announced_at=timezone.now())
    if not claimed:
        return False
    challenge = Challenge.objects.get(pk=challenge_id)
    for user in _eligible_users(challenge):
        email_user_enqueue(
            user=user,
            template_prefix="community/registration_open",
            context=_context(user, challenge, challenge.get_absolute_url()),
            dedupe_key=f"community-registration-open:{challenge.pk}:{user.pk}",
        )
    return True


@transaction.atomic
def deadline_reminder_send(*, challenge_id: int) -> bool:
    """Remind every team member that the deadline is within 24 h; once."""
    claimed = Challenge.objects.filter(
        pk=challenge_id, deadline_reminded_at=None
    ).update(deadline_reminded_at=timezone.now())
    if not claimed:
        return False
    challenge = Challenge.objects.get(pk=challenge_id)
    for team in Team.objects.filter(challenge=challenge):
        for user in _team_users(team):
            email_user_enqueue(
                user=user,
                template_prefix="community/challenge_deadline",
                context=_context(user, challenge, team.get_absolute_url()),
                dedupe_key=f"community-deadline:{challenge.pk}:{user.pk}",
            )
    return True
