"""Emails of the catalogue: each renders in the recipient's language and sends.

Called by the tasks (inside an outbox delivery, which runs each message once);
kept out of ``services`` because the services enqueue those tasks.
"""

from django.urls import reverse
from django.utils import translation

from accounts.models import User
from outbox.emails import email_render, email_send_now, email_url
from tools_catalog.models import Tool


def listing_decision_email_send(*, tool: Tool, user: User, decision: str) -> None:
    """Tell one representative about an editor's decision on ``tool``."""
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
    email_send_now(message=message)
