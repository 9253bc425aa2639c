"""Celery beat entries of this app (hub.beat gathers every app's ``BEAT``).

Schedules are in seconds (daily jobs every 24 hours).
"""

DAY = 24 * 60 * 60.0

BEAT: dict[str, dict[str, object]] = {
    "onboarding-sla-digest": {
        "task": "onboarding.tasks.send_sla_digest",
        "schedule": DAY,
    },
    "onboarding-needs-info-reminders": {
        "task": "onboarding.tasks.remind_and_expire_needs_info",
        "schedule": DAY,
    },
    "onboarding-retention-purge": {
        "task": "onboarding.tasks.purge_closed_applications",
        "schedule": DAY,
    },
    "onboarding-member-reconfirmation": {
        "task": "onboarding.tasks.reconfirm_members",
        "schedule": DAY,
    },
}
