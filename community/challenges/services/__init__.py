"""Writes of challenges: staff, teams and submissions, judging, emails.

Every function checks the rule it enforces (timeline, eligibility, team size,
conflicts of interest) and raises a ``ChallengeError`` whose message is shown as
is; staff actions are audited.
"""

from community.challenges.services.judging import conflict_declare, scores_save
from community.challenges.services.notifications import (
    announcements_due,
    deadline_reminder_send,
    registration_open_send,
)
from community.challenges.services.outcomes import outcome_resource_create
from community.challenges.services.staff import (
    TIE_BREAK_RULE,
    Ranked,
    challenge_publish,
    challenge_save,
    judge_assign,
    judge_remove,
    ranking_compute,
    results_publish,
)
from community.challenges.services.teams import (
    invitation_accept,
    invitation_decline,
    server_time_text,
    submission_save,
    team_create,
    team_invite,
    team_join_by_code,
    team_leave,
)

__all__ = [
    "TIE_BREAK_RULE",
    "Ranked",
    "announcements_due",
    "challenge_publish",
    "challenge_save",
    "conflict_declare",
    "deadline_reminder_send",
    "invitation_accept",
    "invitation_decline",
    "judge_assign",
    "judge_remove",
    "outcome_resource_create",
    "ranking_compute",
    "registration_open_send",
    "results_publish",
    "scores_save",
    "server_time_text",
    "submission_save",
    "team_create",
    "team_invite",
    "team_join_by_code",
    "team_leave",
]
