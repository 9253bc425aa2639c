from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from outbox.models import OutboxMessage
from outbox.services import outbox_enqueue
from outbox.tasks import send_email


def email_enqueue(
    *, message: EmailMessage, dedupe_key: str | None = None
) -> OutboxMessage:
    """Send a rendered message through the outbox: after commit, exactly once."""
    html = None
    if isinstance(message, EmailMultiAlternatives):
        html = next(
            (str(c) for c, mime in message.alternatives if mime == "text/html"), None
        )
    return outbox_enqueue(
        send_email,
        dedupe_key=dedupe_key,
        subject=str(message.subject),
        body=str(message.body),
        to=list(message.to),
        from_email=message.from_email,
        html=html,
        headers={k: str(v) for k, v in message.extra_headers.items()} or None,
    )


def email_render(
    *, template_prefix: str, context: dict[str, object], to: list[str], language: str
) -> EmailMultiAlternatives:
    """Render emails/<prefix>_subject.txt, _body.txt and _body.html in ``language``."""
    with translation.override(language):
        subject = render_to_string(f"emails/{template_prefix}_subject.txt", context)
        body = render_to_string(f"emails/{template_prefix}_body.txt", context)
        html = render_to_string(f"emails/{template_prefix}_body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=body, to=to
    )
    message.attach_alternative(html, "text/html")
    return message
