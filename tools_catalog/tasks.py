from smtplib import SMTPException

from celery import shared_task
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from outbox.emails import email_render, email_send_now, email_url
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
    revision = (
        tool.revisions.filter(decided_at__isnull=False).order_by("-decided_at").first()
    )
    with translation.override(user.language):
        portal = reverse("tools_catalog:provider-portal")
    message = email_render(
        template_prefix="tools_catalog/listing_decision",
        context={
            "tool_name": tool.name,
            "decision": decision,
            "comment": revision.editor_comment if revision else "",
            "portal_url": email_url(portal),
        },
        to=[user.email],
        language=user.language,
    )
    email_send_now(message=message)  # inside an outbox delivery: runs once
