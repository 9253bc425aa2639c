"""Confirmations by others: signed links, yearly re-confirmation, and
requests to join an organisation already on the Hub."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onboarding.models.application import Application


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
    # When the organisation's active representatives were emailed, and until
    # when they may object before the second sign-off is allowed. Both empty
    # when the organisation had no active representative to tell.
    representatives_told_at = models.DateTimeField(
        _("representatives told"), null=True, blank=True
    )
    objection_window_ends_at = models.DateTimeField(
        _("objection window ends"), null=True, blank=True
    )

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

    @property
    def objection_window_open(self) -> bool:
        """The representatives may still object: no second sign-off yet."""
        ends = self.objection_window_ends_at
        return ends is not None and timezone.now() < ends
