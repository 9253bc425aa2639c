"""The one way the Hub renders and sends an email. Every email goes through here.

Adding an email (any app, allauth included)
-------------------------------------------
1. Write three templates beside each other, under ``<app>/templates/emails/<app>/``
   (core: ``templates/emails/<area>/``)::

       <name>_subject.txt   plain text: rendered WITHOUT HTML escaping, then
                            flattened to one line (no newline or CR, whitespace
                            collapsed, bidi controls removed, capped at
                            SUBJECT_MAX_LENGTH characters). Never HTML.
       <name>_body.txt      plain text: rendered WITHOUT HTML escaping. What a
                            user typed appears exactly as typed (``&``, ``'``,
                            ``<b>``); nothing in it is interpreted as HTML.
       <name>_body.html     HTML: rendered WITH autoescape, so every ``{{ value }}``
                            is escaped. Never use ``|safe``, ``{% autoescape off %}``
                            or ``|urlize`` on what a user typed, and never build it
                            from the text body (no ``{% include "..._body.txt" %}``).

2. Links point at the Hub only: build them with ``email_url(path)`` (the
   ``HUB_SITE_URL`` setting, never the request's Host header) and write them as
   ``<a href="{{ some_url }}">``. Whatever language the path was reversed in,
   ``email_render`` gives every link to the Hub the recipient's language prefix
   (``core.i18n.path_for_language``), so the page opens in their language. A URL
   a user typed is shown as text, never as a link: ``email_render`` refuses an
   HTML part whose links leave the Hub.

3. Render in the recipient's language and send through the outbox, after commit::

       message = email_render(
           template_prefix="<app>/<name>",   # emails/<app>/<name>_…
           context={...},                     # raw values: no pre-escaping
           to=[user.email],
           language=user.language,
       )
       email_enqueue(message=message, dedupe_key=f"<app>:<name>:{obj.pk}")

   (Code already running inside an outbox delivery calls ``email_send_now``.)

   Every email is wrapped in the one layout: the HTML part in
   ``emails/base_layout.html`` (its styles from ``outbox/email.css``), the text part
   followed by ``emails/base_footer.txt``. Both end with why the email was sent
   (``EMAIL_REASONS``, by template prefix) and, for people with an account, a link
   to their settings. Write only the message itself in ``_body.html`` (no
   ``<html>``, no greeting-to-signature chrome).

4. Add the email to ``EMAILS`` in ``tests/outbox/test_email_safety.py`` with a
   function that triggers it with hostile values in every field a user controls.
   A test fails while a template under ``templates/emails/`` is missing there.

allauth's emails take the same path: ``accounts.adapters.AccountAdapter.render_mail``
renders ``emails/allauth/<account|mfa>/<name>_…`` (see those templates).
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template import Context, engines
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.i18n import path_for_language
from core.sites import site_name, site_url
from outbox.models import OutboxMessage
from outbox.services import outbox_enqueue

# The task that sends a rendered email (outbox.tasks imports this module).
SEND_EMAIL_TASK = "outbox.tasks.send_email"
SUBJECT_MAX_LENGTH = 150
# Names the template an email came from: mail filters, support and tests find it.
EMAIL_HEADER = "X-Hub-Email"

# Bidi embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069) can make
# what a user typed read backwards or swallow the text around it. No template or
# catalogue uses them, so they are removed from every part of every email.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0/C1 control characters other than tab and newline (CR included: text parts
# use bare newlines; the mail library writes CRLF itself).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


LAYOUT_HTML = "emails/base_layout.html"
LAYOUT_TEXT = "emails/base_footer.txt"
LAYOUT_CSS = Path(__file__).resolve().parent / "email.css"
# Where a person with an account changes which emails they receive.
NOTIFICATION_SETTINGS_URL_NAME = "community:profile-edit"
# The capability that page asks for (``accounts.roles.Perm.USE_MEMBER_AREA``):
# only a recipient who has it gets the link.
NOTIFICATION_SETTINGS_PERMISSION = "accounts.use_member_area"

# Why an email was sent, by template prefix: the longest prefix that matches wins.
# Whether the footer links to the settings page is decided by the recipient, not
# here (``_notification_settings_url``).
EMAIL_REASONS: dict[str, Any] = {
    "": _("You received this email because you have an account on %(site)s."),
    "allauth/": _(
        "You received this email because it concerns the security of your "
        "account on %(site)s. Security notices are always sent."
    ),
    "accounts/": _(
        "You received this email because it concerns the security of your "
        "account on %(site)s. Security notices are always sent."
    ),
    "onboarding/": _("You received this email because you applied to join %(site)s."),
    "onboarding/welcome": _(
        "You received this email because you applied to join %(site)s."
    ),
    "onboarding/confirm_supervisor": _(
        "You received this email because someone applying to join %(site)s "
        "named you as their supervisor. You have no account with us: we write "
        "to you only about this application."
    ),
    "onboarding/confirm_referee": _(
        "You received this email because someone applying to join %(site)s "
        "named you as their referee. We write to you only about this "
        "application."
    ),
    "onboarding/join_": _(
        "You received this email because you represent an organisation on %(site)s."
    ),
    "onboarding/sla_digest": _(
        "You received this email because you verify applications on %(site)s."
    ),
    "onboarding/reconfirm": _(
        "You received this email because you are a member of %(site)s."
    ),
    "onboarding/access_paused": _(
        "You received this email because you are a member of %(site)s."
    ),
    "community/": _(
        "You received this email because you are a member of %(site)s and "
        "take part in its community."
    ),
    "learning_centre/": _(
        "You received this email because you hold a certificate from %(site)s."
    ),
    "tools_catalog/": _(
        "You received this email because you submitted a tool listing to %(site)s."
    ),
}


def email_reason(template_prefix: str) -> str:
    """Why the email ``template_prefix`` was sent (in the active language)."""
    key = max((k for k in EMAIL_REASONS if template_prefix.startswith(k)), key=len)
    return str(EMAIL_REASONS[key]) % {"site": site_name()}


@cache
def _layout_style() -> str:
    return "<style>" + LAYOUT_CSS.read_text(encoding="utf-8") + "</style>"


def _recipient_can_open_settings(to: list[str]) -> bool:
    """Whether the one recipient is an active account allowed to open the
    settings page (a member or staff: applicants are sent to /apply/, providers
    get a 403, a supervisor or referee without an account has none)."""
    if len(to) != 1:
        return False
    user = (
        get_user_model()
        .objects.filter(email__iexact=to[0], is_active=True)
        .order_by("pk")
        .first()
    )
    return user is not None and user.has_perm(NOTIFICATION_SETTINGS_PERMISSION)


def _notification_settings_url(to: list[str]) -> str | None:
    if not _recipient_can_open_settings(to):
        return None
    try:
        return email_url(reverse(NOTIFICATION_SETTINGS_URL_NAME))
    except NoReverseMatch:
        return None


def _layout_context(template_prefix: str, *, to: list[str]) -> dict[str, Any]:
    return {
        "site_name": site_name(),
        "site_url": site_url(),
        "reason": email_reason(template_prefix),
        "settings_url": _notification_settings_url(to),
    }


class EmailLinkError(ValueError):
    """An email's HTML part links somewhere other than the Hub."""


def email_url(path: str) -> str:
    """An absolute link to the Hub for an email (``core.sites.site_url``).

    ``path`` is a path on the Hub (``reverse(...)``); a full URL is reduced to its
    path and query, so a link built from a request's Host header still points here.
    """
    return site_url(path)


def email_subject_clean(subject: str) -> str:
    """Plain one-line text: no controls, whitespace collapsed, length capped."""
    subject = _BIDI_CONTROLS.sub("", subject)
    subject = " ".join(_CONTROL.sub(" ", subject).split())
    if len(subject) > SUBJECT_MAX_LENGTH:
        subject = subject[: SUBJECT_MAX_LENGTH - 1].rstrip() + "…"
    return subject


def _text_clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _BIDI_CONTROLS.sub("", text)).strip() + "\n"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src", "action", "formaction", "background"}:
                self.urls.append(value or "")


def _check_links(html: str) -> None:
    parser = _Links()
    parser.feed(html)
    parser.close()
    hub = site_url() + "/"
    for url in parser.urls:
        if not (url + "/").startswith(hub) and url != site_url():
            raise EmailLinkError(f"an email links outside the Hub: {url!r}")


def _links_localize(text: str, *, language: str) -> str:
    """Every link to the Hub in ``text`` with ``language``'s prefix."""
    base = site_url()
    links = re.compile(re.escape(base) + r"(/[^\s\"'<>]*)?")

    def localize(match: re.Match[str]) -> str:
        path = match.group(1)
        if path is None:
            following = text[match.end() : match.end() + 1]
            if following.isalnum() or following in {"-", "_", "."}:
                return match.group(0)  # another host that starts like ours
            if language == settings.LANGUAGE_CODE:
                return match.group(0)
        return base + path_for_language(path or "/", language=language)

    return links.sub(localize, text)


def _render(name: str, context: dict[str, Any], *, autoescape: bool) -> str:
    template = engines["django"].engine.get_template(name)  # type: ignore[attr-defined]
    return str(template.render(Context(context, autoescape=autoescape)))


def email_render(
    *,
    template_prefix: str,
    context: dict[str, Any],
    to: list[str],
    language: str,
    subject_prefix: str = "",
) -> EmailMultiAlternatives:
    """Render ``emails/<prefix>_subject.txt``, ``_body.txt`` and ``_body.html``.

    Everything is rendered in ``language`` (the recipient's). The subject and the
    text part are rendered without HTML escaping; the HTML part with autoescape
    on. See the module's docstring for the rules each template follows.
    """
    name = f"emails/{template_prefix}"
    with translation.override(language):
        ctx = {
            "LANGUAGE_CODE": translation.get_language(),
            "LANGUAGE_BIDI": translation.get_language_bidi(),
            "site_name": site_name(),
            **context,
        }
        subject = _render(f"{name}_subject.txt", ctx, autoescape=False)
        text = _render(f"{name}_body.txt", ctx, autoescape=False)
        body = _render(f"{name}_body.html", ctx, autoescape=True)
        layout = {
            **ctx,
            **_layout_context(template_prefix, to=to),
            "subject": email_subject_clean(subject),
        }
        # The body was rendered with autoescape on: it is safe HTML by now.
        layout["body"] = mark_safe(body.strip())  # noqa: S308
        html = _render(LAYOUT_HTML, layout, autoescape=True)
        footer = _render(LAYOUT_TEXT, layout, autoescape=False)
        active = translation.get_language() or settings.LANGUAGE_CODE
        text = _links_localize(text, language=active)
        footer = _links_localize(footer, language=active)
        html = _links_localize(html, language=active)
    html = html.replace("</head>", _layout_style() + "</head>", 1)
    html = _BIDI_CONTROLS.sub("", html).strip() + "\n"
    text = text.strip() + "\n\n" + footer
    _check_links(html)
    message = EmailMultiAlternatives(
        subject=email_subject_clean(subject_prefix + subject),
        body=_text_clean(text),
        to=to,
        headers={EMAIL_HEADER: template_prefix},
    )
    message.attach_alternative(html, "text/html")
    return message


def _html_part(message: EmailMessage) -> str | None:
    if isinstance(message, EmailMultiAlternatives):
        for content, mime in message.alternatives:
            if mime == "text/html":
                return str(content)
    return None


def _message_fields(message: EmailMessage) -> dict[str, Any]:
    """A rendered message as the keyword arguments of ``email_send``."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "to": list(message.to),
        "from_email": message.from_email,
        "html": _html_part(message),
        "headers": {k: str(v) for k, v in message.extra_headers.items()} or None,
    }


def email_enqueue(
    *, message: EmailMessage, dedupe_key: str | None = None
) -> OutboxMessage:
    """Send a rendered message through the outbox: after commit, exactly once."""
    return outbox_enqueue(
        SEND_EMAIL_TASK, dedupe_key=dedupe_key, **_message_fields(message)
    )


class Recipient(Protocol):
    """Whom ``email_user_enqueue`` writes to: an address and a language."""

    @property
    def email(self) -> str: ...

    @property
    def language(self) -> str: ...


def email_user_enqueue(
    *,
    user: Recipient,
    template_prefix: str,
    context: dict[str, Any],
    dedupe_key: str | None = None,
) -> OutboxMessage:
    """Render an email to one person, in their language, and send it through
    the outbox."""
    message = email_render(
        template_prefix=template_prefix,
        context=context,
        to=[user.email],
        language=user.language,
    )
    return email_enqueue(message=message, dedupe_key=dedupe_key)


def email_send_now(*, message: EmailMessage) -> None:
    """Send a rendered message at once: only for code already running inside an
    outbox delivery (which runs once), never from a request."""
    email_send(**_message_fields(message))


def email_send(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send an already rendered email now (the ``send_email`` task calls this)."""
    message = EmailMultiAlternatives(
        subject=email_subject_clean(subject),
        body=body,
        to=to,
        from_email=from_email,
        headers=headers,
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
