"""Who may open the community pages: rows of the authorization matrix
(written as tests/access_statuses.py describes)."""

from typing import Any

from tests.access_statuses import (
    BAD_REQUEST,
    FORBIDDEN,
    FOUND,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
)


def _category(user: Any) -> dict[str, Any]:
    from tests.community.factories import CategoryFactory

    return {"slug": CategoryFactory().slug}


def _topic(user: Any) -> dict[str, Any]:
    from tests.community.factories import TopicFactory

    return {"pk": TopicFactory().pk}


def _post(user: Any) -> dict[str, Any]:
    from tests.community.factories import TopicFactory

    return {"pk": TopicFactory().posts.get().pk}


def _event(user: Any) -> dict[str, Any]:
    from tests.community.factories import EventFactory

    return {"slug": EventFactory().slug}


def _challenge(user: Any) -> dict[str, Any]:
    from tests.community.factories import ChallengeFactory

    return {"slug": ChallengeFactory().slug}


def _draft_challenge(user: Any) -> dict[str, Any]:
    from tests.community.factories import ChallengeFactory

    return {"slug": ChallengeFactory(published_at=None).slug}


def _team(user: Any) -> dict[str, Any]:
    """Someone else's team: nobody outside it may open it."""
    from tests.community.factories import TeamFactory

    return {"pk": TeamFactory().pk}


def _submission(user: Any) -> dict[str, Any]:
    """Another team's submission: not the viewer's, and they judge nothing."""
    from tests.community.factories import SubmissionFactory

    return {"pk": SubmissionFactory().pk}


def _invitation(user: Any) -> dict[str, Any]:
    """An invitation addressed to someone else."""
    from accounts.roles import Role
    from community.models import MembershipStatus, TeamMembership
    from tests.accounts.factories import UserFactory
    from tests.community.factories import TeamFactory

    team = TeamFactory()
    invitation = TeamMembership.objects.create(
        team=team,
        challenge=team.challenge,
        user=UserFactory(role=Role.MEMBER),
        status=MembershipStatus.INVITED,
    )
    return {"pk": invitation.pk}


def _listed_profile(user: Any) -> dict[str, Any]:
    from tests.community.factories import ProfileFactory

    return {"public_id": ProfileFactory(listed=True, user__show_name=True).public_id}


def _suspension(user: Any) -> dict[str, Any]:
    from tests.community.factories import SuspensionFactory

    return {"pk": SuspensionFactory().pk}


def _contact_request(user: Any) -> dict[str, Any]:
    """A request addressed to someone else: nobody but them may answer it."""
    from tests.community.factories import ContactRequestFactory

    return {"pk": ContactRequestFactory().pk}


M_OK = (FOUND, FOUND, OK, FORBIDDEN, OK, OK, OK, OK)
M_404 = (FOUND, FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
M_FOUND = (FOUND, FOUND, FOUND, FORBIDDEN, FOUND, FOUND, FOUND, FOUND)
MOD_OK = (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN)
MOD_FOUND = (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FOUND, FORBIDDEN)
# A GET to a POST-only page: the permission is checked first (sign-in, 403), then
# the method (405), so an anonymous visitor is sent to sign in, never told 405.
M_POST_ONLY = (FOUND, FOUND, NOT_ALLOWED, FORBIDDEN) + (NOT_ALLOWED,) * 4
MOD_POST_ONLY = (FOUND, FOUND) + (FORBIDDEN,) * 4 + (NOT_ALLOWED, FORBIDDEN)

# Members and provider representatives (and staff, who hold the member area).
P_OK = (FOUND, FOUND, OK, OK, OK, OK, OK, OK)
P_404 = (FOUND, FOUND) + (NOT_FOUND,) * 6
P_FOUND = (FOUND, FOUND) + (FOUND,) * 6
P_POST_ONLY = (FOUND, FOUND) + (NOT_ALLOWED,) * 6
# Events: providers see only those whose audience includes them (the factory's
# event is for members), so a members-only event is 404 to them.
E_OK = (FOUND, FOUND, OK, NOT_FOUND, OK, OK, OK, OK)
E_FOUND = (FOUND, FOUND, FOUND, NOT_FOUND, FOUND, FOUND, FOUND, FOUND)
# Run challenges: moderators and admins.
RUN_OK = (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK)
RUN_POST_ONLY = (FOUND, FOUND) + (FORBIDDEN,) * 4 + (NOT_ALLOWED, NOT_ALLOWED)
RUN_FOUND = (FOUND, FOUND) + (FORBIDDEN,) * 4 + (FOUND, FOUND)

# fmt: off
MATRIX = {
    "community:forum-index":        M_OK,
    "community:forum-search":       M_OK,
    "community:category-detail":    M_OK,
    "community:topic-create":       M_OK,
    "community:category-subscribe": M_POST_ONLY,
    "community:topic-detail":       M_OK,
    "community:topic-reply":        M_OK,
    "community:topic-subscribe":    M_POST_ONLY,
    # Someone else's post: only its author may edit it.
    "community:post-edit":          M_404,
    "community:post-flag":          M_OK,
    "community:moderation-queue":   MOD_OK,
    "community:post-moderate":      MOD_POST_ONLY,
    "community:post-bulk-moderate": MOD_POST_ONLY,
    "community:topic-moderate":     MOD_OK,
    "community:suspension-list":    MOD_OK,
    "community:suspension-lift":    MOD_POST_ONLY,
    "community:member-directory":   M_OK,
    "community:member-detail":      M_OK,
    "community:contact-request":    M_OK,
    "community:member-block":       M_POST_ONLY,
    "community:contact-list":       M_OK,
    "community:contact-respond":    M_POST_ONLY,
    "community:member-unblock":     M_POST_ONLY,
    "community:profile-edit":       M_OK,
    "community:calendar-token":     M_POST_ONLY,
    "community:event-list":         P_OK,
    "community:event-detail":       E_OK,
    "community:event-rsvp":         P_POST_ONLY,
    "community:event-cancel":       P_POST_ONLY,
    "community:event-ics":          E_OK,
    # The token is the credential: a wrong one is 404 for everyone.
    "community:calendar-feed":      (NOT_FOUND,) * 8,
    "community:event-create":       MOD_OK,
    "community:event-edit":         MOD_OK,
    "community:event-attendance":   MOD_OK,
    # Challenges
    "community:challenge-list":     P_OK,
    "community:challenge-detail":   P_OK,
    "community:team-create":        P_POST_ONLY,
    "community:team-join":          P_POST_ONLY,
    # Judges only: everyone else is told nothing exists.
    "community:judging-list":       M_404,
    # Someone else's team, submission, invitation: 404 for all.
    "community:team-detail":        P_404,
    "community:team-invite":        M_POST_ONLY,
    "community:team-leave":         P_POST_ONLY,
    "community:submission-edit":    P_404,
    "community:invitation-respond": P_POST_ONLY,
    "community:submission-attachment": P_404,
    "community:submission-score":   M_404,
    "community:submission-conflict": M_POST_ONLY,
    "community:submission-outcome": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN),
    "community:challenge-staff":    RUN_OK,
    "community:challenge-create":   RUN_OK,
    "community:challenge-edit":     RUN_OK,
    "community:challenge-judges":   RUN_OK,
    "community:challenge-publish":  RUN_POST_ONLY,
    "community:challenge-results":  RUN_OK,
}
POST_MATRIX = {
    "community:category-subscribe": M_FOUND,
    "community:topic-subscribe":    M_FOUND,
    "community:post-moderate":      MOD_FOUND,
    # Nothing ticked: the queue comes back with the error.
    "community:post-bulk-moderate": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, BAD_REQUEST, FORBIDDEN),
    "community:suspension-lift":    MOD_FOUND,
    "community:member-block":       M_FOUND,
    # Addressed to someone else: 404, whatever the action.
    "community:contact-respond":    M_404,
    "community:member-unblock":     M_FOUND,
    "community:calendar-token":     M_FOUND,
    "community:event-rsvp":         E_FOUND,
    # Not registered: a message and back to the event.
    "community:event-cancel":       E_FOUND,
    # No name, no code: a message and back to the challenge.
    "community:team-create":        P_FOUND,
    "community:team-join":          P_FOUND,
    "community:team-invite":        M_404,
    "community:team-leave":         P_404,
    "community:invitation-respond": P_404,
    "community:submission-conflict": M_404,
    "community:challenge-publish":  RUN_FOUND,
    # Not a winning submission: nothing to turn into a resource.
    "community:submission-outcome": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN, FORBIDDEN),
}
# fmt: on
URL_KWARGS = {
    "community:category-detail": _category,
    "community:topic-create": _category,
    "community:category-subscribe": _category,
    "community:topic-detail": _topic,
    "community:topic-reply": _topic,
    "community:topic-subscribe": _topic,
    "community:post-edit": _post,
    "community:post-flag": _post,
    "community:post-moderate": _post,
    "community:topic-moderate": _topic,
    "community:suspension-lift": _suspension,
    "community:member-detail": _listed_profile,
    "community:contact-request": _listed_profile,
    "community:member-block": _listed_profile,
    "community:contact-respond": _contact_request,
    "community:member-unblock": {"pk": 999999},
    "community:event-detail": _event,
    "community:event-rsvp": _event,
    "community:event-cancel": _event,
    "community:event-ics": _event,
    "community:calendar-feed": {"token": "no-such-token"},
    "community:event-edit": _event,
    "community:event-attendance": _event,
    "community:challenge-detail": _challenge,
    "community:team-create": _challenge,
    "community:team-join": _challenge,
    "community:judging-list": _challenge,
    "community:team-detail": _team,
    "community:team-invite": _team,
    "community:team-leave": _team,
    "community:submission-edit": _team,
    "community:invitation-respond": _invitation,
    "community:submission-attachment": _submission,
    "community:submission-score": _submission,
    "community:submission-conflict": _submission,
    "community:submission-outcome": _submission,
    "community:challenge-edit": _challenge,
    "community:challenge-judges": _challenge,
    "community:challenge-publish": _draft_challenge,
    "community:challenge-results": _challenge,
}
POST_DATA: dict[str, dict[str, Any]] = {
    "community:post-moderate": {"action": "hide"},
    "community:contact-respond": {"action": "accept"},
}
