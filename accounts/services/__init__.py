"""The accounts app's writes, by area; import them from here.

- ``audit``: recording staff actions and status changes, pseudonyms, redaction.
- ``privacy``: anonymising an account.
- ``users``: roles, four-eyes staff-role requests, active state, language, email.
"""

from accounts.services.audit import (
    PURGED,
    REDACTED,
    audit_event_record,
    audit_events_redact,
    audit_pseudonym,
    audit_snapshot,
    audit_status_change,
    status_change,
)
from accounts.services.privacy import anonymised_email, user_anonymise
from accounts.services.users import (
    FourEyesError,
    role_grant,
    role_revoke,
    staff_role_request,
    staff_role_request_approve,
    staff_role_request_reject,
    user_email_change_request,
    user_set_active,
    user_set_language,
)

__all__ = [
    "PURGED",
    "REDACTED",
    "FourEyesError",
    "anonymised_email",
    "audit_event_record",
    "audit_events_redact",
    "audit_pseudonym",
    "audit_snapshot",
    "audit_status_change",
    "role_grant",
    "role_revoke",
    "staff_role_request",
    "staff_role_request_approve",
    "staff_role_request_reject",
    "status_change",
    "user_anonymise",
    "user_email_change_request",
    "user_set_active",
    "user_set_language",
]
