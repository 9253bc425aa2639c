"""Celery beat entries of the outbox (hub.beat gathers every app's ``BEAT``)."""

from typing import Any

from celery.schedules import crontab

BEAT: dict[str, dict[str, Any]] = {
    # Re-send what never reached a worker.
    "outbox-sweep": {
        "task": "outbox.tasks.sweep_outbox",
        "schedule": 60.0,
    },
    "outbox-purge-delivered": {
        "task": "outbox.tasks.purge_delivered_outbox_messages",
        "schedule": crontab(hour=3, minute=17),
    },
}
