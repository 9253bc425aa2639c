"""Checks behind /health/: each returns True when its service answers."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from kombu import Connection

logger = logging.getLogger(__name__)

IN_PROCESS_BROKERS = ("", "memory://")


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("health: database check failed")
        return False


def cache_ok() -> bool:
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
        return ok
    except Exception:
        logger.exception("health: cache check failed")
        return False


def broker_ok() -> bool | None:
    """None when there is no broker: tasks run in-process, nothing to check."""
    url = settings.CELERY_BROKER_URL
    if url in IN_PROCESS_BROKERS:
        return None
    try:
        with Connection(url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        return True
    except Exception:
        logger.exception("health: broker check failed")
        return False
