"""The application: the questionnaire's answers and the case's state."""

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
