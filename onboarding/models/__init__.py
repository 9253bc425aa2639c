"""Applications to join the Hub, what screening found, and the verifiers' work.

An application moves through ``Application.Status`` only in
``onboarding.services`` (conditional UPDATEs on ``version``, so two verifiers
cannot both decide). Personal data of rejected and expired applications is
wiped after the retention period; the row stays, anonymised, for statistics.
"""

from onboarding.models.application import Application
from onboarding.models.case import (
    SIGNAL_REASONS,
    CaseEntry,
    InfoRequestTemplate,
    Message,
    Note,
    RejectionReason,
    Signal,
    TrustedDomain,
)
from onboarding.models.confirmations import (
    ConfirmationRequest,
    MemberReconfirmation,
    OrganisationJoinRequest,
)

__all__ = [
    "SIGNAL_REASONS",
    "Application",
    "CaseEntry",
    "ConfirmationRequest",
    "InfoRequestTemplate",
    "MemberReconfirmation",
    "Message",
    "Note",
    "OrganisationJoinRequest",
    "RejectionReason",
    "Signal",
    "TrustedDomain",
]
