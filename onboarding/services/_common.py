"""What every onboarding service shares: the errors, the guarded status
change, the applicant email and the rate limit."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import user_own_name
from accounts.services import audit_event_record
from core.ratelimit import rate_limit_hit
from onboarding import conf
from onboarding.audit import ApplicationAction
from onboarding.models import Application
from outbox.emails import email_url, email_user_enqueue

Status = Application.Status
CONFIRMATION_SALT = "onboarding.confirmation"
RECONFIRMATION_SALT = "onboarding.reconfirmation"
CLOSED_STATUSES = (Status.REJECTED, Status.WITHDRAWN, Status.EXPIRED)


class ApplicationStateError(Exception):
    """The action does not fit the application's current state."""


class ApplicationRateLimitError(ApplicationStateError):
    """Too many attempts in a short time; nothing was changed."""


class ConfirmationLinkError(Exception):
    """A confirmation link that is tampered with, expired or already used, or
    whose application is decided (``no_longer_needed``)."""

    def __init__(
        self, message: str, *, expired: bool = False, no_longer_needed: bool = False
    ) -> None:
        super().__init__(message)
        self.expired = expired or no_longer_needed
        self.no_longer_needed = no_longer_needed


def _over_rate(*, key: str, rate: tuple[int, int]) -> bool:
    if not conf.rate_limits_enabled():
        return False
    limit, seconds = rate
    return rate_limit_hit(key=f"onboarding:{key}", limit=limit, seconds=seconds)


def site_url(path: str) -> str:
    """An absolute link to the Hub for an email (``outbox.emails.email_url``)."""

    return email_url(path)


def _state_error(application: Application) -> ApplicationStateError:
    current = Application.objects.filter(pk=application.pk).first()
    if current is None:
        return ApplicationStateError(_("This application no longer exists."))
    return ApplicationStateError(
        _(
            "This application changed meanwhile: it is now “%(status)s”. "
            "Reload the page and check it again."
        )
        % {"status": current.get_status_display()}
    )


def _transition(
    application: Application,
    *,
    actor: User | None,
    action: ApplicationAction,
    allowed_from: Iterable[str],
    to: str,
    expected_version: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    **fields: Any,
) -> None:
    """Move the application to ``to`` if it is still in ``allowed_from`` at
    ``expected_version`` (default: the version the caller loaded), and write
    the audit row ``action``: by default from the status it had to ``to``.

    Every change of an application's status goes through here.
    """
    allowed = tuple(allowed_from)
    version = application.version if expected_version is None else expected_version
    previous = application.status
    if previous not in allowed:
        raise ApplicationStateError(
            _("An application that is “%(status)s” cannot be changed this way.")
            % {"status": application.get_status_display()}
        )
    won = Application.objects.filter(
        pk=application.pk, status__in=allowed, version=version
    ).update(status=to, version=F("version") + 1, updated_at=timezone.now(), **fields)
    if not won:
        raise _state_error(application)
    application.refresh_from_db()
    audit_event_record(
        actor=actor,
        action=action,
        target=application,
        before={"status": previous} if before is None else before,
        after={"status": to} if after is None else after,
    )


def _status_url(*, language: str) -> str:
    """The applicant's application page, reversed in their language (not in the
    verifier's, whose request is the one running)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return site_url(reverse("onboarding:application"))


def _email_applicant(
    application: Application, *, template: str, key: str, **context: Any
) -> None:
    user = application.user
    if user is None:
        return
    context = {
        "application": application,
        "user_name": application.full_name or user_own_name(user),
        "status_url": _status_url(language=user.language),
        "sla_days": conf.sla_working_days(),
        **context,
    }
    email_user_enqueue(
        user=user,
        template_prefix=f"onboarding/{template}",
        context=context,
        dedupe_key=f"onboarding:{key}:{application.pk}",
    )


def _not_own(application: Application, actor: User) -> None:
    if application.user_id == actor.pk:
        raise ApplicationStateError(_("Nobody may decide their own application."))
