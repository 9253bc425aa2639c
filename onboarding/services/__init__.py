"""Every change to an application: validate, save, audit, enqueue on commit.

Transitions are conditional UPDATEs on ``(pk, status, version)``: whoever loses a
race (two verifiers deciding the same case, a double-submitted form) gets an
``ApplicationStateError`` naming what the case has become, and nothing changes.
Callers check that the actor may act (views: ``Perm.VERIFY_APPLICATIONS``).

One module per seam; the names below are the public interface
(``from onboarding import services; services.application_approve(...)``).
"""

from onboarding.services._common import (
    CLOSED_STATUSES,
    CONFIRMATION_SALT,
    RECONFIRMATION_SALT,
    ApplicationRateLimitError,
    ApplicationStateError,
    ConfirmationLinkError,
    site_url,
)
from onboarding.services.applications import (
    RESTART_FIELDS,
    application_answer,
    application_draft_get_or_create,
    application_form_throttle,
    application_missing_fields,
    application_restart,
    application_save_draft,
    application_submit,
    application_withdraw,
)
from onboarding.services.cases import (
    application_approve,
    application_assign,
    application_bulk_assign,
    application_bulk_claim,
    application_claim,
    application_expire,
    application_needs_second_signoff,
    application_note_add,
    application_reject,
    application_remind_needs_info,
    application_request_info,
    application_sla_digest_send,
)
from onboarding.services.confirmations import (
    application_referee_ask,
    application_request_confirmation,
    confirmation_answer,
    confirmation_load,
    confirmation_request_send,
    confirmation_token,
)
from onboarding.services.organisation_joins import (
    organisation_join_approve,
    organisation_join_object,
    organisation_join_refuse,
    organisation_join_request_create,
)
from onboarding.services.provisioning import application_provision
from onboarding.services.reconfirmation import (
    member_access_pause,
    member_access_resume,
    member_reconfirm,
    member_reconfirmation_load,
    member_reconfirmation_records_create,
    member_reconfirmation_remind,
    reconfirmation_token,
)
from onboarding.services.retention import (
    DISTINCTIVE_FIELDS,
    ERASED_RELATIONS,
    application_anonymise,
    erased_fields,
    retention_cutoff,
)

__all__ = [
    "CLOSED_STATUSES",
    "CONFIRMATION_SALT",
    "DISTINCTIVE_FIELDS",
    "ERASED_RELATIONS",
    "RECONFIRMATION_SALT",
    "RESTART_FIELDS",
    "ApplicationRateLimitError",
    "ApplicationStateError",
    "ConfirmationLinkError",
    "application_anonymise",
    "application_answer",
    "application_approve",
    "application_assign",
    "application_bulk_assign",
    "application_bulk_claim",
    "application_claim",
    "application_draft_get_or_create",
    "application_expire",
    "application_form_throttle",
    "application_missing_fields",
    "application_needs_second_signoff",
    "application_note_add",
    "application_provision",
    "application_referee_ask",
    "application_reject",
    "application_remind_needs_info",
    "application_request_confirmation",
    "application_request_info",
    "application_restart",
    "application_save_draft",
    "application_sla_digest_send",
    "application_submit",
    "application_withdraw",
    "confirmation_answer",
    "confirmation_load",
    "confirmation_request_send",
    "confirmation_token",
    "erased_fields",
    "member_access_pause",
    "member_access_resume",
    "member_reconfirm",
    "member_reconfirmation_load",
    "member_reconfirmation_records_create",
    "member_reconfirmation_remind",
    "organisation_join_approve",
    "organisation_join_object",
    "organisation_join_refuse",
    "organisation_join_request_create",
    "reconfirmation_token",
    "retention_cutoff",
    "site_url",
]
