"""Celery beat entries of this app, merged into CELERY_BEAT_SCHEDULE by settings.

Plain data only (no Django imports): settings import it before apps load.
"""

BEAT_SCHEDULE: dict[str, dict[str, object]] = {}
