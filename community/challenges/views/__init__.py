from community.challenges.views.judging import (
    judging_list_view,
    submission_conflict_view,
    submission_score_view,
)
from community.challenges.views.participants import (
    challenge_detail_view,
    challenge_list_view,
    invitation_respond_view,
    submission_attachment_view,
    submission_edit_view,
    submission_outcome_view,
    team_create_view,
    team_detail_view,
    team_invite_view,
    team_join_view,
    team_leave_view,
)
from community.challenges.views.staff import (
    challenge_create_view,
    challenge_edit_view,
    challenge_judges_view,
    challenge_publish_view,
    challenge_results_view,
    challenge_staff_list_view,
)

__all__ = [
    "challenge_create_view",
    "challenge_detail_view",
    "challenge_edit_view",
    "challenge_judges_view",
    "challenge_list_view",
    "challenge_publish_view",
    "challenge_results_view",
    "challenge_staff_list_view",
    "invitation_respond_view",
    "judging_list_view",
    "submission_attachment_view",
    "submission_conflict_view",
    "submission_edit_view",
    "submission_outcome_view",
    "submission_score_view",
    "team_create_view",
    "team_detail_view",
    "team_invite_view",
    "team_join_view",
    "team_leave_view",
]
