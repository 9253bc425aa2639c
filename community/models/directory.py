"""The member directory: profiles, contact requests, blocks."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from community.models.validators import validate_time_zone


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


def new_public_id() -> str:
    """A profile's address in the directory: random, so profiles cannot be
    walked by counting (/community/members/1/, 2/, …)."""
    return secrets.token_urlsafe(16)


class MemberProfile(models.Model):
    """A member's community settings; every directory field is shown only if opted in.

    The name is the account's (``User.full_name``), shown where ``User.show_name``
    allows it (``accounts.selectors.user_display_name``).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_profile",
    )
    public_id = models.CharField(
        max_length=32, unique=True, default=new_public_id, editable=False
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    # False until the member picks a zone: the settings form may then suggest
    # the browser's zone (static/js/community.js); UTC is used meanwhile.
    time_zone_chosen = models.BooleanField(_("time zone chosen"), default=False)
    listed = models.BooleanField(
        _("list me in “Meet other officers”"), default=False, db_index=True
    )
    agency = models.CharField(_("agency"), max_length=160, blank=True)
    show_agency = models.BooleanField(_("show my agency"), default=False)
    unit = models.CharField(_("unit"), max_length=160, blank=True)
    show_unit = models.BooleanField(_("show my unit"), default=False)
    country = CountryField(_("country"), blank=True)
    show_country = models.BooleanField(_("show my country"), default=False)
    role_title = models.CharField(_("role"), max_length=160, blank=True)
    show_role = models.BooleanField(_("show my role"), default=False)
    expertise = models.ManyToManyField(
        "learning_centre.Stage",
        verbose_name=_("expertise"),
        blank=True,
        related_name="+",
    )
    show_expertise = models.BooleanField(_("show my expertise"), default=False)
    languages = models.CharField(_("languages I speak"), max_length=200, blank=True)
    show_languages = models.BooleanField(_("show my languages"), default=False)
    contact_details = models.TextField(
        _("contact details"),
        max_length=1000,
        blank=True,
        help_text=_("Shown only to members whose contact request you accept."),
    )
    calendar_token = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("community profile")
        verbose_name_plural = _("community profiles")

    def __str__(self) -> str:
        return f"profile of {self.user}"


class ContactStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ContactRequest(models.Model):
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_requests_sent",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
    )
    message = models.TextField(_("message"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=ContactStatus, default=ContactStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient"], name="community_contact_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} -> {self.recipient_id}"


class Block(models.Model):
    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_blocks",
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["blocker", "blocked"], name="community_block_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"
