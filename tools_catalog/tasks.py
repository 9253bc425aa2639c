from smtplib import SMTPException

from celery import shared_task

from accounts.models import User
from tools_catalog.emails import listing_decision_email_send
from tools_catalog.models import Tool


@shared_task(
    acks_late=True,
    autoretry_for=(SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=5,
)
def send_listing_decision_email(
    tool_id: int, user_id: int, decision: str, key: str
) -> None:
    """Tell one representative about an editor's decision, in their language.

    Enqueued through the outbox with a dedupe key per decision and recipient, which
    runs it once; a deleted tool or user, or one no longer representing the
    provider, gets nothing.
    """
    tool = Tool.objects.filter(pk=tool_id).select_related("provider").first()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if tool is None or user is None:
        return
    if not tool.provider.representatives.filter(pk=user.pk).exists():
        return
    listing_decision_email_send(tool=tool, user=user, decision=decision)
