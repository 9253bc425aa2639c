"""Applications to join the Hub, what screening found, and the verifiers' work.

An application moves through ``Application.Status`` only in
``onboarding.services`` (conditional UPDATEs on ``version``, so two verifiers
cannot both decide). Personal data of rejected and expired applications is
wiped after the retention period; the row stays, anonymised, for statistics.
"""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Application(models.Model):
    class Kind(models.TextChoices):
        MEMBER = "member", _("Law-enforcement member")
        PROVIDER = "provider", _("Tool provider")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        NEEDS_INFO = "needs_info", _("Information requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    class AgencyType(models.TextChoices):
        POLICE = "police", _("Police")
        PROSECUTION = "prosecution", _("Prosecution")
        CUSTOMS_BORDER = "customs_border", _("Customs or border agency")
        MILITARY_POLICE = "military_police", _("Military police")
        MINISTRY = "ministry", _("Ministry")
        INTERNATIONAL_ORG = "international_org", _("International organisation")
        NGO_PARTNER = "ngo_partner", _("NGO partner")
        OTHER = "other", _("Other")

    class RoleCategory(models.TextChoices):
        INVESTIGATOR = "investigator", _("Investigator")
        FORENSIC_EXAMINER = "forensic_examiner", _("Digital forensic examiner")
        ANALYST = "analyst", _("Analyst")
        VICTIM_IDENTIFICATION = "victim_identification", _("Victim identification")
        PROSECUTOR = "prosecutor", _("Prosecutor")
        SENIOR_OFFICIAL = "senior_official", _("Senior official")
        PROCUREMENT = "procurement", _("Procurement")
        IT_TECHNICAL = "it_technical", _("IT or technical")
        TRAINER = "trainer", _("Trainer")

    class ProviderType(models.TextChoices):
        COMPANY = "company", _("Company")
        NON_PROFIT = "non_profit", _("Non-profit")
        ACADEMIC = "academic", _("Academic")
        GOVERNMENT = "government", _("Government")

    OPEN_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW, Status.NEEDS_INFO)
    DECIDED_STATUSES = (Status.APPROVED, Status.REJECTED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="applications",
        null=True,
        blank=True,
    )
    kind = models.CharField(
        _("application type"), max_length=20, choices=Kind, default=Kind.MEMBER
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    # Bumped by every transition; a decision names the version it was made on.
    version = models.PositiveIntegerField(default=1)

    # Who they are
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    work_email = models.EmailField(
        _("official work email"),
        blank=True,
        help_text=_("If it differs from your sign-in address we verify it too."),
    )
    work_email_verified_at = models.DateTimeField(null=True, blank=True)
    # Where they work
    agency_name = models.CharField(_("agency name"), max_length=200, blank=True)
    agency_type = models.CharField(
        _("agency type"), max_length=30, choices=AgencyType, blank=True
    )
    country = CountryField(_("country"), blank=True)
    unit = models.CharField(_("unit or department"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    role_category = models.CharField(
        _("role category"), max_length=30, choices=RoleCategory, blank=True
    )
    years_in_role = models.PositiveSmallIntegerField(
        _("years in this role"), null=True, blank=True
    )
    # Who can confirm it
    supervisor_name = models.CharField(
        _("supervisor's name"), max_length=200, blank=True
    )
    supervisor_email = models.EmailField(_("supervisor's official email"), blank=True)
    supervisor_phone = models.CharField(
        _("supervisor's phone"), max_length=40, blank=True
    )
    # What the applicant typed: never checked against the members while they
    # wait (that would tell them who is a member). After submission a task
    # looks it up; an active member is asked by signed link and set as referee.
    referee_email = models.EmailField(_("referee's email"), blank=True)
    referee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("referee"),
    )
    # What they want from the Hub
    interests = models.ManyToManyField(
        "learning_centre.Stage",
        blank=True,
        related_name="applications",
        verbose_name=_("areas of interest"),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    other_languages = models.CharField(_("other languages"), max_length=200, blank=True)
    heard_about = models.CharField(
        _("how did you hear of the Hub?"), max_length=300, blank=True
    )
    consent = models.BooleanField(_("consent"), default=False)
    # Provider applications
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    provider_type = models.CharField(
        _("organisation type"), max_length=20, choices=ProviderType, blank=True
    )
    tools_offered = models.TextField(_("tools you offer"), max_length=4000, blank=True)

    # The verifiers' side
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_applications",
        verbose_name=_("assignee"),
    )
    first_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    rejection_reason = models.ForeignKey(
        "RejectionReason", on_delete=models.SET_NULL, null=True, blank=True
    )
    decision_message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    info_requested_at = models.DateTimeField(null=True, blank=True)
    info_reminded_at = models.DateTimeField(null=True, blank=True)
    # Time spent waiting for the applicant: the SLA clock is paused meanwhile.
    paused_seconds = models.PositiveIntegerField(default=0)
    screened_at = models.DateTimeField(null=True, blank=True)
    provisioned_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["country"]),
            models.Index(fields=["agency_type"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["work_email"]),
            models.Index(fields=["supervisor_email"]),
            # Screening matches these case-insensitively (``__iexact``).
            models.Index(Upper("work_email"), name="onboarding_app_email_ci"),
            models.Index(Upper("supervisor_email"), name="onboarding_app_superv_ci"),
            models.Index(
                Upper("full_name"),
                Upper("agency_name"),
                name="onboarding_app_person_ci",
            ),
        ]

    def __str__(self) -> str:
        name = self.organisation_name if self.kind == self.Kind.PROVIDER else ""
        return f"#{self.pk} {self.full_name or name or '—'}"

    def get_absolute_url(self) -> str:
        return reverse("onboarding:case-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def awaiting_second_signoff(self) -> bool:
        return (
            self.status == self.Status.IN_REVIEW and self.first_approver_id is not None
        )

    @property
    def work_email_domain(self) -> str:
        return self.work_email.rpartition("@")[2].lower()


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
            return str(template) % self.params
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
    Signal.Code.DUPLICATE: _(
        "%(count)s other application(s) share this email address or this name "
        "and agency."
    ),
    Signal.Code.SUPERVISOR_REUSED: _(
        "The supervisor %(email)s is named in %(count)s other application(s)."
    ),
    Signal.Code.REFEREE_ACTIVE: _("Referred by %(name)s, an active member."),
    Signal.Code.REFEREE_INACTIVE: _(
        "The named referee %(name)s is no longer an active member."
    ),
    Signal.Code.REFEREE_UNKNOWN: _(
        "No active member of the Hub has the referee's email address %(email)s."
    ),
    Signal.Code.EARLIER_REJECTION: _(
        "This person or email address was rejected %(count)s time(s) before."
    ),
    Signal.Code.ORGANISATION_EXISTS: _(
        "Claims to represent %(name)s, which is already on the Hub with "
        "%(count)s representative(s). Approving does not add them: joining needs "
        "a second sign-off."
    ),
    Signal.Code.ORGANISATION_LOOKALIKE: _(
        "The organisation name “%(name)s” resembles %(others)s, already on the "
        "Hub. Check that this is a different organisation."
    ),
}


class Note(models.Model):
    """An internal note on a case: verifiers only, never shown to the applicant."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True
    )
    body = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:50]


class Message(models.Model):
    """The thread between verifiers and the applicant (questions and answers)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True
    )
    from_staff = models.BooleanField(default=False)
    body = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:50]


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


class RejectionReason(models.Model):
    """A reason verifiers pick when rejecting; its text goes to the applicant."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text sent to the applicant"), max_length=2000)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ConfirmationRequest(models.Model):
    """A single-use link: supervisor confirmation, referee vouching, work email.

    The URL carries ``signing.dumps(str(nonce))``; the signature stops tampering,
    ``max_age`` expiry, and ``answered_at`` a second use.
    """

    class Kind(models.TextChoices):
        SUPERVISOR = "supervisor", _("Supervisor confirmation")
        REFEREE = "referee", _("Referee vouching")
        WORK_EMAIL = "work_email", _("Work email verification")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="confirmations"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    email = models.EmailField()
    language = models.CharField(max_length=10, default="en")
    nonce = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.BooleanField(null=True)
    comment = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.application_id}"


class MemberReconfirmation(models.Model):
    """A member's yearly confirmation that they still work in law enforcement.

    ``confirmed_at`` starts the clock (approval, then each confirmation); a
    reminder sets ``reminded_at`` and a fresh ``nonce`` for the signed link; no
    confirmation within the grace period sets ``paused_at`` (the member role is
    revoked) until staff resume the access.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reconfirmation",
    )
    confirmed_at = models.DateTimeField(_("last confirmed"), db_index=True)
    nonce = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, db_index=True)
    paused_at = models.DateTimeField(_("access paused"), null=True, blank=True)
    resumed_at = models.DateTimeField(null=True, blank=True)
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("member re-confirmation")
        verbose_name_plural = _("member re-confirmations")
        ordering = ["-paused_at", "pk"]
        indexes = [models.Index(fields=["paused_at"])]

    def __str__(self) -> str:
        return str(self.user)


class OrganisationJoinRequest(models.Model):
    """A provider applicant's claim on an organisation already on the Hub.

    Approving their application never makes them its representative: this
    request does, once a second verifier (or an administrator) who did not
    approve the application signs it off. The organisation's representatives
    are told and may object, which blocks it until staff refuse it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a second sign-off")
        OBJECTED = "objected", _("A representative objected")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    OPEN_STATUSES = (Status.PENDING, Status.OBJECTED)

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="join_request"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_join_requests",
        verbose_name=_("applicant"),
    )
    provider = models.ForeignKey(
        "tools_catalog.Provider",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING
    )
    # The verifier whose approval of the application filed the request.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("first sign-off"),
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second sign-off"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    objected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("objected by"),
    )
    objected_at = models.DateTimeField(_("objected"), null=True, blank=True)
    objection = models.TextField(_("objection"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("organisation join request")
        verbose_name_plural = _("organisation join requests")
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.provider}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES
