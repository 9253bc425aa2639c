"""Celery's Django recipe: settings prefixed CELERY_, tasks found in every app,
and the beat schedule gathered from every app's schedule.py (hub.beat)."""

import os
from typing import Any

from celery import Celery, signals

from hub.beat import beat_schedule

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.local")

app = Celery("hub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.import_modules.connect(sender=app)
def install_beat_schedule(**kwargs: Any) -> None:
    """When a worker or beat starts, after Celery's Django fixup (connected to the
    same signal first) has called ``django.setup()``: apps are loaded, so their
    schedule modules can be found."""
    app.conf.beat_schedule = beat_schedule()
