from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.utils import translation
from django.utils.functional import lazy

from accounts.models import User
from core.i18n import path_for_language
from core.sites import site_name
from outbox.emails import email_enqueue, email_render, email_url

# The links allauth puts in its emails: rebuilt on HUB_SITE_URL, whatever the
# request's Host header said.
EMAIL_URL_KEYS = ("activate_url", "password_reset_url", "signup_url")


class AccountAdapter(DefaultAccountAdapter):
    def save_user(
        self, request: HttpRequest, user: Any, form: Any, commit: bool = True
    ) -> Any:
        """New accounts remember the language they signed up in."""
        user.language = translation.get_language() or user.language
        return super().save_user(request, user, form, commit=commit)

    def _get_login_attempts_cache_key(
        self, request: HttpRequest, **credentials: Any
    ) -> str:
        """Count failed sign-ins per client AND address, not per address alone.

        allauth keys its "login_failed" limit on the address only, so anyone,
        from anywhere, could lock an administrator out by failing five times
        with their address. Keyed on the pair, the failures lock out only the
        client that made them (also held by the per-IP limit); the owner signs
        in from elsewhere. Guessing from many addresses still meets the
        second factor every vetted account must have.
        """
        login = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{get_ip(request)}|{login}"

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """After sign-in, continue in the language the user chose last time."""
        url = super().get_login_redirect_url(request)
        user = request.user
        if isinstance(user, User) and user.language:
            return path_for_language(url, language=user.language)
        return url

    def send_mail(
        self, template_prefix: str, email: str, context: dict[str, Any]
    ) -> None:
        """Render in the recipient's language; deliver through the outbox.

        The request only records the message; a worker sends it after commit, so a
        slow mail server or a broker outage never fails a sign-up.
        """
        request = allauth_context.request
        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        language = user.language if user else translation.get_language()
        site = urlsplit(email_url("/"))
        ctx: dict[str, Any] = {
            "request": request,
            "email": email,
            "current_site": SimpleNamespace(
                name=lazy(site_name, str)(), domain=site.netloc
            ),
        }
        ctx.update(context)
        for key in EMAIL_URL_KEYS:
            if ctx.get(key):
                ctx[key] = email_url(str(ctx[key]))
        with translation.override(language):
            message = self.render_mail(template_prefix, email, ctx)
        email_enqueue(message=message)

    def format_email_subject(self, subject: str) -> str:
        """``[<the Hub's name in the recipient's language>] subject``, not
        ACCOUNT_EMAIL_SUBJECT_PREFIX (fixed in English when settings load)."""
        return f"[{site_name()}] {subject}"

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        """allauth's emails take the portal's one path (``outbox.emails``):
        ``account/email/<name>`` renders ``emails/allauth/account/<name>_…``."""
        app, _, name = template_prefix.partition("/email/")
        message = email_render(
            template_prefix=f"allauth/{app}/{name}",
            context=context,
            to=[email] if isinstance(email, str) else list(email),
            language=translation.get_language() or settings.LANGUAGE_CODE,
            subject_prefix=self.format_email_subject(""),
        )
        message.from_email = self.get_from_email()
        if headers:
            message.extra_headers.update(headers)
        return message
