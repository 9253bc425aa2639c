from celery import shared_task
from django.urls import reverse
from django.utils import translation

from accounts.selectors import user_own_name
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
    """Safe to run twice: the reminder is claimed with a conditional update, and the
    email goes through the outbox with a dedupe key."""
    from outbox.emails import email_enqueue, email_render, email_url

    certificate = services.certificate_mark_reminded(certificate_id=certificate_id)
    if certificate is None:
        return False
    user = certificate.user
    with translation.override(user.language):
        path_url = reverse(
            "learning_centre:path-detail", kwargs={"slug": certificate.path.slug}
        )
    message = email_render(
        template_prefix="learning_centre/certificate_renewal",
        context={
            "user_name": user_own_name(user),
            "path_title": certificate.path.title,
            "expires_at": certificate.expires_at,
            "path_url": email_url(path_url),
        },
        to=[user.email],
        language=user.language,
    )
    email_enqueue(message=message, dedupe_key=f"certificate-renewal-{certificate.pk}")
    return True
