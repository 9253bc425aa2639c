"""Celery beat entries of this app, merged into CELERY_BEAT_SCHEDULE by settings.

Plain data only (no Django imports): settings import it before apps load.
"""

BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # One digest per subscribed member per hour.
    "community-forum-digests": {
        "task": "community.tasks.send_forum_digests",
        "schedule": 3600.0,
    },
    # Reminders go out once an event is less than 24 h away.
    "community-event-reminders": {
        "task": "community.tasks.send_event_reminders",
        "schedule": 900.0,
    },
}
