"""The onboarding pages, one module per audience; ``urls.py`` reads them here."""

from onboarding.views.applicant import (
    application_answer_view,
    application_restart_view,
    application_view,
    application_withdraw_view,
    provider_application_view,
)
from onboarding.views.case_actions import CASE_ACTIONS, case_action, case_action_view
from onboarding.views.cases import (
    case_bulk_view,
    case_detail_view,
    case_list_view,
    join_request_object_view,
)
from onboarding.views.confirmations import confirmation_view
from onboarding.views.reconfirmation import (
    member_paused_list_view,
    member_resume_view,
    reconfirm_view,
)

__all__ = [
    "CASE_ACTIONS",
    "application_answer_view",
    "application_restart_view",
    "application_view",
    "application_withdraw_view",
    "case_action",
    "case_action_view",
    "case_bulk_view",
    "case_detail_view",
    "case_list_view",
    "confirmation_view",
    "join_request_object_view",
    "member_paused_list_view",
    "member_resume_view",
    "provider_application_view",
    "reconfirm_view",
]
