"""Celery beat's schedule, gathered from each installed app's ``schedule.BEAT``.

An app with periodic tasks declares them in ``<app>/schedule.py``::

    BEAT = {"<app>-<what>": {"task": "<app>.tasks.<task>", "schedule": 3600.0}}

Settings import no app: ``hub.celery`` sets ``beat_schedule`` from this function
once Django is set up (before beat reads it).
"""

from typing import Any

from core.discovery import app_modules


class BeatScheduleError(Exception):
    """Two apps declared a beat entry with the same name."""


def beat_schedule() -> dict[str, dict[str, Any]]:
    schedule: dict[str, dict[str, Any]] = {}
    for app_config, module in app_modules("schedule"):
        for name, entry in module.BEAT.items():
            if name in schedule:
                raise BeatScheduleError(
                    f"{app_config.name}.schedule redeclares the beat entry {name!r}"
                )
            schedule[name] = entry
    return schedule
