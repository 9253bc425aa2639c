from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueAction(models.TextChoices):
    PROVIDER_CREATED = "provider_created", _("Provider created")
    PROVIDER_REPRESENTATIVE_ADDED = (
        "provider_representative_added",
        _("Provider representative added"),
    )
    TOOL_CREATED = "tool_created", _("Tool listing created")
    TOOL_DRAFT_UPDATED = "tool_draft_updated", _("Tool draft updated")
    TOOL_SUBMITTED = "tool_submitted", _("Tool listing submitted")
    REVISION_SUBMITTED = "tool_revision_submitted", _("Listing revision submitted")
    LISTING_APPROVED = "tool_listing_approved", _("Listing approved")
    LISTING_CHANGES_REQUESTED = (
        "tool_listing_changes_requested",
        _("Listing changes requested"),
    )
    LISTING_REJECTED = "tool_listing_rejected", _("Listing rejected")
    TOOL_ARCHIVED = "tool_listing_archived", _("Listing archived by the provider")
    TOOL_WITHDRAWN = "tool_listing_withdrawn", _("Listing withdrawn from review")
    REVIEW_HIDDEN = "tool_review_hidden", _("Tool review hidden")
    REVIEW_RESTORED = "tool_review_restored", _("Tool review restored")
    REVIEW_APPROVED = "tool_review_approved", _("Tool review approved")
    REVISION_WITHDRAWN = (
        "tool_revision_withdrawn",
        _("Listing revision withdrawn by the provider"),
    )
    TERM_MERGED = "tool_term_merged", _("Vocabulary term merged into another")
    DEMO_LOADED = "tool_demo_catalogue_loaded", _("Demo catalogue loaded")
