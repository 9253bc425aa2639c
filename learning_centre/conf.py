"""The Learning Centre's settings (declared in hub/settings/base.py), read at call
time so ``override_settings`` changes them."""

from django.conf import settings


def resources_per_page() -> int:
    return int(settings.HUB_LEARNING_RESOURCES_PER_PAGE)


def certificate_reminder_days() -> int:
    """Days before expiry when a certificate holder is reminded to renew."""
    return int(settings.HUB_CERTIFICATE_REMINDER_DAYS)


def readiness_history() -> int:
    """Assessments kept in the history shown to a member."""
    return int(settings.HUB_READINESS_HISTORY)
