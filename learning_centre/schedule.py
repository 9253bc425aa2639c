"""Celery beat entries of this app (hub.beat gathers every app's ``BEAT``)."""

BEAT: dict[str, dict[str, object]] = {
    "learning-certificate-reminders": {
        "task": "learning_centre.tasks.send_certificate_reminders",
        "schedule": 6 * 60 * 60.0,  # every six hours; each certificate once
    },
}
