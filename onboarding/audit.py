from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationAction(models.TextChoices):
    SAVED = "application_saved", _("Application draft saved")
    SUBMITTED = "application_submitted", _("Application submitted")
    CLAIMED = "application_claimed", _("Application claimed")
    ASSIGNED = "application_assigned", _("Application assigned")
    FIRST_SIGNOFF = "application_first_signoff", _("Application: first sign-off")
    APPROVED = "application_approved", _("Application approved")
    REJECTED = "application_rejected", _("Application rejected")
    INFO_REQUESTED = "application_info_requested", _("Information requested")
    ANSWERED = "application_answered", _("Applicant answered")
    WITHDRAWN = "application_withdrawn", _("Application withdrawn")
    EXPIRED = "application_expired", _("Application expired")
    NOTE_ADDED = "application_note_added", _("Internal note added")
    CONFIRMATION_REQUESTED = (
        "application_confirmation_requested",
        _("Confirmation requested"),
    )
    CONFIRMATION_ANSWERED = (
        "application_confirmation_answered",
        _("Confirmation answered"),
    )
    PROVISIONED = "application_provisioned", _("Account provisioned")
    ANONYMISED = "application_anonymised", _("Application data deleted")
    RESTARTED = "application_restarted", _("New application started")
    MEMBER_REMINDED = "member_reconfirmation_reminded", _("Member asked to re-confirm")
    MEMBER_RECONFIRMED = "member_reconfirmed", _("Member re-confirmed")
    MEMBER_PAUSED = "member_access_paused", _("Member access paused")
    MEMBER_RESUMED = "member_access_resumed", _("Member access resumed")
    JOIN_REQUESTED = (
        "organisation_join_requested",
        _("Request to join an existing organisation"),
    )
    JOIN_APPROVED = (
        "organisation_join_approved",
        _("Organisation join: second sign-off"),
    )
    JOIN_REFUSED = "organisation_join_refused", _("Organisation join refused")
    JOIN_OBJECTED = (
        "organisation_join_objected",
        _("A representative objected to a join"),
    )
