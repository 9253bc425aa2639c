"""A case's working material: screening signals, notes, messages, and the
lists verifiers keep (trusted domains, rejection reasons)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_countries.fields import CountryField

from core.translation import TranslatedMixin
from onboarding.models.application import Application


class Signal(models.Model):
    """One screening finding; a verifier reads it, it never decides."""

    class Code(models.TextChoices):
        TRUSTED_DOMAIN = "trusted_domain", _("Known agency domain")
        UNKNOWN_DOMAIN = "unknown_domain", _("Unknown domain")
        WEBMAIL = "webmail", _("Webmail or disposable address")
        TLD_MISMATCH = "tld_mismatch", _("Domain and country differ")
        TLD_MATCH = "tld_match", _("Domain matches country")
        DUPLICATE = "duplicate", _("Possible duplicate")
        SUPERVISOR_REUSED = "supervisor_reused", _("Supervisor named often")
        REFEREE_ACTIVE = "referee_active", _("Referred by an active member")
        REFEREE_PENDING = "referee_pending", _("Referee has not answered yet")
        REFEREE_DECLINED = "referee_declined", _("Referee did not vouch")
        REFEREE_INACTIVE = "referee_inactive", _("Referee is not an active member")
        REFEREE_UNKNOWN = "referee_unknown", _("Referee is not a member")
        EARLIER_REJECTION = "earlier_rejection", _("Rejected before")
        ORGANISATION_EXISTS = (
            "organisation_exists",
            _("Organisation already on the Hub"),
        )
        ORGANISATION_LOOKALIKE = (
            "organisation_lookalike",
            _("Organisation name like another's"),
        )

    class Level(models.TextChoices):
        GOOD = "good", _("Reassuring")
        INFO = "info", _("For information")
        WARNING = "warning", _("Check this")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="signals"
    )
    code = models.CharField(max_length=30, choices=Code, db_index=True)
    level = models.CharField(max_length=10, choices=Level)
    # Values for the reason's placeholders; the sentence is translated on display.
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "code"], name="onboarding_signal_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.reason}"

    @property
    def reason(self) -> str:
        template = SIGNAL_REASONS.get(self.code)
        if template is None:
            return str(self.get_code_display())
        try:
            # A plural sentence (ngettext_lazy) picks its form from "count".
            return str(template % self.params)
        except (KeyError, TypeError, ValueError):
            return str(self.get_code_display())


SIGNAL_REASONS: dict[str, Any] = {
    Signal.Code.TRUSTED_DOMAIN: _(
        "The work email domain %(domain)s is on the list of known agency "
        "domains (%(organisation)s)."
    ),
    Signal.Code.UNKNOWN_DOMAIN: _(
        "The work email domain %(domain)s is not on the list of known agency domains."
    ),
    Signal.Code.WEBMAIL: _(
        "%(domain)s is a public webmail or disposable email service, not an "
        "agency address."
    ),
    Signal.Code.TLD_MISMATCH: _(
        "The domain ends in .%(tld)s but the declared country is %(country)s."
    ),
    Signal.Code.TLD_MATCH: _(
        "The domain ends in .%(tld)s, which matches the declared country."
    ),
    Signal.Code.DUPLICATE: ngettext_lazy(
        "%(count)s other application shares this email address or this name "
        "and agency.",
        "%(count)s other applications share this email address or this name "
        "and agency.",
        "count",
    ),
    Signal.Code.SUPERVISOR_REUSED: ngettext_lazy(
        "The supervisor %(email)s is named in %(count)s other application.",
        "The supervisor %(email)s is named in %(count)s other applications.",
        "count",
    ),
    Signal.Code.REFEREE_ACTIVE: _(
        "Referred by %(name)s, an active member, who vouched for the applicant "
        "through the signed link."
    ),
    Signal.Code.REFEREE_PENDING: _(
        "The named referee %(name)s is an active member but has not vouched for "
        "the applicant yet: this says nothing until they answer."
    ),
    Signal.Code.REFEREE_DECLINED: _(
        "The named referee %(name)s answered that they do not vouch for the applicant."
    ),
    Signal.Code.REFEREE_INACTIVE: _(
        "The named referee %(name)s is no longer an active member."
    ),
    Signal.Code.REFEREE_UNKNOWN: _(
        "No active member of the Hub has the referee's email address %(email)s."
    ),
    Signal.Code.EARLIER_REJECTION: ngettext_lazy(
        "This person or email address was rejected %(count)s time before.",
        "This person or email address was rejected %(count)s times before.",
        "count",
    ),
    Signal.Code.ORGANISATION_EXISTS: ngettext_lazy(
        "Claims to represent %(name)s, which is already on the Hub with "
        "%(count)s representative. Approving does not add them: joining needs "
        "a second sign-off.",
        "Claims to represent %(name)s, which is already on the Hub with "
        "%(count)s representatives. Approving does not add them: joining needs "
        "a second sign-off.",
        "count",
    ),
    Signal.Code.ORGANISATION_LOOKALIKE: _(
        "The organisation name “%(name)s” resembles %(others)s, already on the "
        "Hub. Check that this is a different organisation."
    ),
}


class CaseEntry(models.Model):
    """What is written on a case: a verifiers' note or a message of the thread.

    Each subclass declares its ``application`` with its own related name.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True
    )
    body = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:50]


class Note(CaseEntry):
    """An internal note on a case: verifiers only, never shown to the applicant."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notes"
    )


class Message(CaseEntry):
    """The thread between verifiers and the applicant (questions and answers)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="messages"
    )
    from_staff = models.BooleanField(default=False)


class TrustedDomain(models.Model):
    """Email domains known to belong to law-enforcement or government bodies."""

    domain = models.CharField(
        _("domain"),
        max_length=200,
        unique=True,
        help_text=_("For example police.example; subdomains match too."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)

    class Meta:
        verbose_name = _("trusted domain")
        verbose_name_plural = _("trusted domains")
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    def save(self, *args: object, **kwargs: object) -> None:
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class RejectionReason(TranslatedMixin):
    """A reason verifiers pick when rejecting; its text goes to the applicant,
    in the applicant's language (``translations``, English as the fallback);
    its title is shown to verifiers in theirs."""

    translated_fields = ("title", "text")

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text sent to the applicant"), max_length=2000)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class InfoRequestTemplate(TranslatedMixin):
    """A question verifiers often ask; it goes to the applicant in their language,
    and its title is shown to verifiers in theirs."""

    translated_fields = ("title", "text")

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("question sent to the applicant"), max_length=2000)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("needs-info template")
        verbose_name_plural = _("needs-info templates")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
