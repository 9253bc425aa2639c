"""The onboarding settings (declared in hub/settings/base.py), read at call time."""

from django.conf import settings


def sla_working_days() -> int:
    return int(settings.HUB_ONBOARDING_SLA_WORKING_DAYS)


def needs_info_reminder_days() -> int:
    return int(settings.HUB_ONBOARDING_NEEDS_INFO_REMINDER_DAYS)


def needs_info_expiry_days() -> int:
    return int(settings.HUB_ONBOARDING_NEEDS_INFO_EXPIRY_DAYS)


def retention_days() -> int:
    return int(settings.HUB_ONBOARDING_RETENTION_DAYS)


def link_max_age_seconds() -> int:
    """How long a supervisor, referee or work-email link stays valid."""
    return int(settings.HUB_ONBOARDING_LINK_MAX_AGE)


def second_signoff_countries() -> frozenset[str]:
    """ISO codes of countries whose approvals need a second verifier."""
    return frozenset(settings.HUB_ONBOARDING_SECOND_SIGNOFF_COUNTRIES)


def second_signoff_agency_types() -> frozenset[str]:
    return frozenset(settings.HUB_ONBOARDING_SECOND_SIGNOFF_AGENCY_TYPES)


def reconfirmation_days() -> int:
    return int(settings.HUB_ONBOARDING_RECONFIRMATION_DAYS)


def reconfirmation_grace_days() -> int:
    """Days a reminded member has to confirm before their access pauses."""
    return int(settings.HUB_ONBOARDING_RECONFIRMATION_GRACE_DAYS)


def supervisor_reuse_threshold() -> int:
    """A supervisor named in more applications than this is flagged."""
    return int(settings.HUB_ONBOARDING_SUPERVISOR_REUSE_THRESHOLD)


def rate_limits_enabled() -> bool:
    """Off only in the test settings, like allauth's; the rate tests turn it on."""
    return bool(settings.HUB_ONBOARDING_RATE_LIMITS)


def form_saves_per_window() -> tuple[int, int]:
    """(saves, seconds): how often an applicant may save or submit the form."""
    return tuple(settings.HUB_ONBOARDING_FORM_RATE)


def referees_per_window() -> tuple[int, int]:
    """(submissions naming a referee, seconds) per applicant."""
    return tuple(settings.HUB_ONBOARDING_REFEREE_RATE)


def confirmation_requests_per_window() -> tuple[int, int]:
    """(requests, seconds) a verifier may send per case and kind of link."""
    return tuple(settings.HUB_ONBOARDING_CONFIRMATION_REQUEST_RATE)


def organisation_join_objection_hours() -> int:
    """Hours an organisation's representatives have to object to a request to
    join it before the second sign-off is allowed."""
    return int(settings.HUB_ORGANISATION_JOIN_OBJECTION_HOURS)


# A small built-in list; a real deployment would use a maintained one.
WEBMAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "aol.com",
        "icloud.com",
        "mail.ru",
        "yandex.ru",
        "qq.com",
        "163.com",
        "gmx.com",
        "gmx.de",
        "proton.me",
        "protonmail.com",
        "mailinator.com",
        "guerrillamail.com",
        "10minutemail.com",
        "tempmail.com",
        "yopmail.com",
        "webmail.example",
    }
)
