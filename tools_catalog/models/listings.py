"""Listing revisions: changes proposed to a published listing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tools_catalog.models.tools import Tool


class ListingRevision(models.Model):
    """Proposed field values for a listing, waiting for a catalogue editor.

    ``proposed`` holds the editable fields as JSON (M2M as lists of slugs/keys);
    the live tool changes only when the revision is approved.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn by the provider")

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="revisions")
    proposed = models.JSONField(default=dict)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    editor_comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("listing revision")
        verbose_name_plural = _("listing revisions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.tool} #{self.pk}"


# Changes proposed to a published listing and not decided for good: at most one
# per listing (services.revision_submit).
OPEN_REVISION_STATUSES = (
    ListingRevision.Status.SUBMITTED,
    ListingRevision.Status.CHANGES_REQUESTED,
)
