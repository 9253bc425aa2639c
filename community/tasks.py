from celery import shared_task

from community.challenges.services import (
    announcements_due,
    deadline_reminder_send,
    registration_open_send,
)
from community.services.digests import digest_recipient_ids, digest_send
from community.services.events import reminder_send, reminders_due


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def send_forum_digests() -> int:
    """Every interval: one digest per subscribed member. Safe to run twice."""
    for user_id in digest_recipient_ids():
        send_forum_digest.delay(user_id=user_id)
    return 0


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def send_forum_digest(user_id: int) -> bool:
    return digest_send(user_id=user_id)


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def send_event_reminders() -> int:
    """Remind registered members 24 h before; a reminder is sent once."""
    return sum(reminder_send(registration_id=pk) for pk in reminders_due())


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def send_challenge_announcements() -> int:
    """Registration open, deadline in 24 h: each challenge's emails go out once."""
    opened, closing = announcements_due()
    sent = sum(registration_open_send(challenge_id=pk) for pk in opened)
    return sent + sum(deadline_reminder_send(challenge_id=pk) for pk in closing)
