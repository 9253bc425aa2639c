"""Celery beat entries of this app, merged into CELERY_BEAT_SCHEDULE by settings.

Plain data only (no Django imports): settings import it before apps load.
"""

BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "learning-certificate-reminders": {
        "task": "learning_centre.tasks.send_certificate_reminders",
        "schedule": 6 * 60 * 60.0,  # every six hours; each certificate once
    },
}
