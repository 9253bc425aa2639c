"""Record work in the caller's transaction; send it to the broker after commit.

    outbox_enqueue(send_welcome_email, dedupe_key=f"welcome:{user.pk}", user_id=user.pk)
    outbox_enqueue("accounts.tasks.send_welcome_email", user_id=user.pk)  # by name

A service names its task rather than importing it when its tasks module imports
the service (tasks import services at module top, never the other way round).

The task must be idempotent and take JSON-serialisable keyword arguments. It runs
once per message: ``deliver_outbox_message`` claims the row before running it and
marks it delivered after. Use it for work that must not be lost (decision emails,
provisioning); ``task.delay_on_commit()`` is enough for work that may be.
"""

import json
import logging
from collections.abc import Iterable
from datetime import timedelta
from functools import partial
from typing import Any

from celery import Task, current_app
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from outbox.models import OutboxMessage

logger = logging.getLogger(__name__)

# Errors that mean "the broker cannot be reached"; anything else is a bug.
BROKER_ERRORS: tuple[type[BaseException], ...] = (OperationalError, OSError)
# The task that runs one recorded message (outbox.tasks imports this module).
DELIVER_TASK = "outbox.tasks.deliver_outbox_message"


def outbox_enqueue(
    task: Task | str, *, dedupe_key: str | None = None, **kwargs: Any
) -> OutboxMessage:
    """Record ``task(**kwargs)``; it is sent to the broker when the transaction commits.

    ``task`` is a task or its name (``"<app>.tasks.<task>"``). With a ``dedupe_key``
    already recorded, returns that message and records nothing.
    """
    task_name = task if isinstance(task, str) else task.name
    return outbox_enqueue_name(task_name, dedupe_key=dedupe_key, **kwargs)


def outbox_enqueue_name(
    task_name: str, *, dedupe_key: str | None = None, **kwargs: Any
) -> OutboxMessage:
    """``outbox_enqueue`` by the task's dotted name (``"app.tasks.task_name"``), for
    a service whose tasks module imports it (so it cannot import the task).

    The name is checked against Celery's registry, loading every app's tasks
    module first if needed: a misspelt name raises ``NotRegistered`` here, in
    the caller's transaction, and this process can run the task (eager mode).
    """
    if task_name not in current_app.tasks:
        current_app.loader.import_default_modules()
    task_name = current_app.tasks[task_name].name
    if dedupe_key is not None:
        message, created = OutboxMessage.objects.get_or_create(
            dedupe_key=dedupe_key, defaults={"task_name": task_name, "kwargs": kwargs}
        )
        if not created:
            return message
    else:
        message = OutboxMessage.objects.create(task_name=task_name, kwargs=kwargs)
    transaction.on_commit(partial(outbox_dispatch, message_id=message.pk))
    return message


def outbox_dispatch(*, message_id: int) -> bool:
    """Hand one message to the broker. Never raises for a broker outage.

    Returns False when the broker could not be reached; the sweeper tries again.
    """
    try:
        current_app.signature(DELIVER_TASK).delay(message_id=message_id)
    except BROKER_ERRORS as exc:
        logger.warning(
            "outbox: broker unreachable, message %s left for the sweeper: %s",
            message_id,
            exc,
        )
        OutboxMessage.objects.filter(pk=message_id).update(
            attempts=F("attempts") + 1, last_error=repr(exc)[:2000]
        )
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        attempts=F("attempts") + 1, last_sent_at=timezone.now()
    )
    return True


def outbox_messages_due() -> list[int]:
    """Ids of undelivered messages that never reached a worker, or got lost there.

    Due: a send that failed (broker down); a message whose on-commit send never
    happened (the process died first); a message sent long ago and never delivered.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_REDELIVER_AFTER_SECONDS)
    # A message created a moment ago is about to be sent by its own on_commit hook.
    grace = now - timedelta(seconds=30)
    due = (
        OutboxMessage.objects.filter(
            delivered_at__isnull=True, attempts__lt=settings.OUTBOX_MAX_ATTEMPTS
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .filter(
            Q(last_sent_at__isnull=True, attempts__gt=0)
            | Q(last_sent_at__isnull=True, created_at__lt=grace)
            | Q(last_sent_at__lt=stale)
        )
        .order_by("created_at")
    )
    return list(due.values_list("pk", flat=True)[:500])


def outbox_claim(*, message_id: int, lease: timedelta) -> OutboxMessage | None:
    """Take the message for one run; None if it is delivered or another run holds it.

    A conditional UPDATE, not read-then-save: two workers may get the same message.
    """
    now = timezone.now()
    won = (
        OutboxMessage.objects.filter(pk=message_id, delivered_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + lease)
    )
    if not won:
        return None
    return OutboxMessage.objects.get(pk=message_id)


def outbox_mark_delivered(*, message: OutboxMessage) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(
        delivered_at=timezone.now(), claimed_until=None, last_error=""
    )


def outbox_release(*, message: OutboxMessage, error: BaseException) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(
        claimed_until=None, last_error=repr(error)[:2000]
    )


def outbox_purge_delivered() -> int:
    cutoff = timezone.now() - timedelta(days=settings.OUTBOX_KEEP_DELIVERED_DAYS)
    deleted, _ = OutboxMessage.objects.filter(delivered_at__lt=cutoff).delete()
    return deleted


def outbox_messages_forget(*, strings: Iterable[str]) -> int:
    """Delete recorded work that names any of ``strings`` (case-insensitive),
    delivered or not: an email to or about a person whose data is being erased.

    Strings shorter than six characters are ignored: they would match other
    people's mail. The table holds only recent and undelivered work (delivered
    rows are purged after ``OUTBOX_KEEP_DELIVERED_DAYS``), so it is read whole;
    JSON is compared as decoded text, since SQLite stores non-ASCII escaped.
    Returns how many messages were deleted.
    """
    needles = {s.strip().lower() for s in strings if len(s.strip()) >= 6}
    if not needles:
        return 0
    doomed = []
    rows = OutboxMessage.objects.values_list("pk", "kwargs", "last_error")
    for pk, kwargs, last_error in rows.iterator(chunk_size=500):
        text = f"{json.dumps(kwargs, ensure_ascii=False, default=str)} {last_error}"
        if any(needle in text.lower() for needle in needles):
            doomed.append(pk)
    if doomed:
        OutboxMessage.objects.filter(pk__in=doomed).delete()
    return len(doomed)
