"""Celery beat entries of this app (hub.beat gathers every app's ``BEAT``)."""

BEAT: dict[str, dict[str, object]] = {
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
    # Challenges: "registration is open" and "the deadline is in 24 h", once each.
    "community-challenge-announcements": {
        "task": "community.tasks.send_challenge_announcements",
        "schedule": 900.0,
    },
}
