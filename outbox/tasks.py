import logging
from datetime import timedelta

from celery import Task, current_app, shared_task

from outbox import services
from outbox.emails import email_send

logger = logging.getLogger(__name__)

# Longer than any task we deliver should take; a crashed run is retried after it.
CLAIM_LEASE = timedelta(minutes=10)


@shared_task(
    bind=True,
    acks_late=True,
    max_retries=5,
    default_retry_delay=30,
    retry_backoff=True,
    retry_backoff_max=600,
)
def deliver_outbox_message(self: Task, message_id: int) -> None:
    """Run one recorded task, once. A delivered or claimed message is skipped."""
    message = services.outbox_claim(message_id=message_id, lease=CLAIM_LEASE)
    if message is None:
        return
    task = current_app.tasks[message.task_name]
    try:
        task.run(**message.kwargs)
    except Exception as exc:
        services.outbox_release(message=message, error=exc)
        raise self.retry(exc=exc) from exc
    services.outbox_mark_delivered(message=message)


@shared_task(acks_late=True)
def sweep_outbox() -> int:
    """Beat, every minute: re-send what never reached a worker. Safe to overlap."""
    sent = 0
    for message_id in services.outbox_messages_due():
        if not services.outbox_dispatch(message_id=message_id):
            break  # broker still down: stop, the next sweep tries again
        sent += 1
    if sent:
        logger.info("outbox: re-sent %d message(s)", sent)
    return sent


@shared_task(acks_late=True)
def purge_delivered_outbox_messages() -> int:
    return services.outbox_purge_delivered()


@shared_task(
    acks_late=True,
    autoretry_for=services.BROKER_ERRORS,
    retry_backoff=True,
    max_retries=5,
)
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send an already rendered email. Enqueue it through the outbox (once only)."""
    email_send(
        subject=subject,
        body=body,
        to=to,
        from_email=from_email,
        html=html,
        headers=headers,
    )
