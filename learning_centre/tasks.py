from celery import shared_task

from learning_centre import selectors, services


@shared_task(acks_late=True, max_retries=3, retry_backoff=True)
def send_certificate_reminders() -> int:
    """Beat entry: one reminder task per certificate expiring soon. Returns how many."""
    ids = list(selectors.certificates_due_for_reminder().values_list("pk", flat=True))
    for certificate_id in ids:
        send_certificate_reminder.delay(certificate_id=certificate_id)
    return len(ids)


@shared_task(acks_late=True, max_retries=3, retry_backoff=True)
def send_certificate_reminder(certificate_id: int) -> bool:
    """Safe to run twice: the service claims the reminder before it is sent."""
    return services.certificate_reminder_send(certificate_id=certificate_id)
