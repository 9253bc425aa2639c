""""""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.translation import Localised, TranslatedMixin
from tools_catalog import conf
from tools_catalog.models.providers import Provider
from tools_catalog.models.terms import (
    Capability,
    DataType,
    DeploymentMode,
    Integration,
    SupportedLanguage,
)


class TsVectorField(SearchVectorField):
    """A tsvector column (plain text on SQLite, where it stays empty).

    The project does not install django.contrib.postgres (whose check insists on
    it); the field needs nothing from that app but its lookups.
    """

    def check(self, **kwargs: object) -> list:
        return [e for e in super().check(**kwargs) if e.id != "postgres.E005"]


class Disclosure(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_DISCLOSED = "not_disclosed", _("Not disclosed")


class ToolQuerySet(models.QuerySet["Tool"]):
    def published(self) -> ToolQuerySet:
        return self.filter(status=Tool.Status.PUBLISHED)


class Tool(TranslatedMixin):
    """A listing. Its summary and description are translated (``core.translation``)."""

    translated_fields = ("summary", "description")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        ARCHIVED = "archived", _("Archived")

    class Cost(models.TextChoices):
        FREE = "free", _("Free for law enforcement")
        DISCOUNTED = "discounted", _("Discounted for law enforcement")
        COMMERCIAL = "commercial", _("Commercial")
        ON_REQUEST = "on_request", _("On request")
        NOT_FOR_SALE = "not_for_sale", _("Not for sale (research or in-house)")
        NOT_DISCLOSED = "not_disclosed", _("Not disclosed")

    class Maturity(models.TextChoices):
        RESEARCH = "research", _("Research")
        PILOT = "pilot", _("Pilot")
        PRODUCTION = "production", _("Production")
        NOT_DISCLOSED = "not_disclosed", _("Not disclosed")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        related_name="tools",
        verbose_name=_("provider"),
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    stages = models.ManyToManyField(
        "learning_centre.Stage",
        related_name="tools",
        blank=True,
        verbose_name=_("stages"),
    )
    capabilities = models.ManyToManyField(
        Capability, related_name="tools", blank=True, verbose_name=_("capabilities")
    )
    data_types = models.ManyToManyField(
        DataType, related_name="tools", blank=True, verbose_name=_("data types")
    )
    deployments = models.ManyToManyField(
        DeploymentMode, related_name="tools", blank=True, verbose_name=_("deployment")
    )
    integrations = models.ManyToManyField(
        Integration, related_name="tools", blank=True, verbose_name=_("integrations")
    )
    languages = models.ManyToManyField(
        SupportedLanguage, related_name="tools", blank=True, verbose_name=_("languages")
    )
    deployment_notes = models.CharField(
        _("deployment notes"), max_length=300, blank=True
    )
    data_leaves_premises = models.CharField(
        _("data leaves the agency's premises"),
        max_length=20,
        choices=Disclosure.choices,
        default=Disclosure.NOT_DISCLOSED,
        db_index=True,
    )
    cost_model = models.CharField(
        _("cost for law enforcement"),
        max_length=20,
        choices=Cost.choices,
        default=Cost.NOT_DISCLOSED,
        db_index=True,
    )
    cost_notes = models.CharField(_("cost notes"), max_length=300, blank=True)
    maturity = models.CharField(
        _("maturity"),
        max_length=20,
        choices=Maturity.choices,
        default=Maturity.NOT_DISCLOSED,
        db_index=True,
    )
    human_in_the_loop = models.TextField(_("human-in-the-loop notes"), blank=True)
    bias_statement = models.TextField(_("training data and bias statement"), blank=True)
    security_certifications = models.CharField(
        _("security certifications"), max_length=300, blank=True
    )
    support_contact = models.CharField(_("support contact"), max_length=200, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    status = models.CharField(
        _("listing status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    last_vetted_on = models.DateField(
        _("last vetted"), null=True, blank=True, db_index=True
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    # Anonymous counters for the provider's figures: never who.
    view_count = models.PositiveIntegerField(default=0)
    shortlist_add_count = models.PositiveIntegerField(default=0)
    compare_count = models.PositiveIntegerField(default=0)
    # Kept by services.review_save, so sorting by rating needs no aggregate.
    rating_average = models.DecimalField(
        max_digits=3, decimal_places=2, null=True, blank=True, db_index=True
    )
    rating_count = models.PositiveIntegerField(default=0)
    # Filled by services.tool_search_index_update on PostgreSQL only.
    search_vector = TsVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ToolQuerySet.as_manager()

    class Meta:
        verbose_name = _("tool")
        verbose_name_plural = _("tools")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "name"], name="tool_status_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tools_catalog:tool-detail", kwargs={"slug": self.slug})

    @property
    def local_summary(self) -> Localised:
        return self.localised("summary")

    @property
    def local_description(self) -> Localised:
        return self.localised("description")


class ToolClaim(models.Model):
    """A key claim about a tool, with its evidence: where it comes from and when.

    One source of truth per fact: a claim about a fact the listing already
    states (``DERIVED_KINDS``: where it runs, whether data leaves the agency,
    certifications) stores no value of its own; its value is read from the
    listing (``claim_value``), so the two can never disagree. The other claims
    (bias evaluation, DPIA) keep their value here.
    """

    class Kind(models.TextChoices):
        ON_PREMISE = "on_premise", _("Runs on-premise")
        NO_DATA_LEAVES = "no_data_leaves", _("No data leaves the agency")
        BIAS_EVALUATION = "bias_evaluation", _("Bias evaluation published")
        DPIA = "dpia", _("Data protection impact assessment available")
        CERTIFICATION = "certification", _("Security certification")

    class Provenance(models.TextChoices):
        PROVIDER_ASSERTED = "provider_asserted", _("Provider-asserted")
        DOCUMENT_BACKED = "document_backed", _("Document-backed")
        STAFF_VERIFIED = "staff_verified", _("Staff-verified")
        FIELD_TESTED = "field_tested", _("Field-tested by an agency")

    DERIVED_KINDS = frozenset(
        {Kind.ON_PREMISE, Kind.NO_DATA_LEAVES, Kind.CERTIFICATION}
    )

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(_("claim"), max_length=30, choices=Kind.choices)
    value = models.CharField(
        _("value"),
        max_length=20,
        choices=Disclosure.choices,
        blank=True,
        default="",
        help_text=_(
            "Only for a bias evaluation or a DPIA. The other claims take their "
            "value from the listing (deployment, data leaving the premises, "
            "security certifications): change it there."
        ),
    )
    provenance = models.CharField(
        _("provenance"),
        max_length=30,
        choices=Provenance.choices,
        default=Provenance.PROVIDER_ASSERTED,
    )
    evidence_url = models.URLField(_("evidence link"), blank=True)
    evidence_title = models.CharField(
        _("evidence title"),
        max_length=200,
        blank=True,
        help_text=_("The document's title, as shown to members."),
    )
    evidence_date = models.DateField(
        _("document date"),
        null=True,
        blank=True,
        help_text=_("When the evidence was published, if it says."),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    dated = models.DateField(
        _("date"),
        default=date.today,
        help_text=_(
            "When the provenance was established; for a staff verification, the "
            "day it was verified (it expires after the configured period)."
        ),
    )

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.UniqueConstraint(fields=["tool", "kind"], name="claim_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.tool}: {self.get_kind_display()}"

    def clean(self) -> None:
        if self.kind in self.DERIVED_KINDS and self.value:
            raise ValidationError(
                {
                    "value": _(
                        "This claim takes its value from the listing: leave it "
                        "empty and change the listing instead."
                    )
                }
            )
        if self.kind not in self.DERIVED_KINDS and not self.value:
            raise ValidationError({"value": _("Choose a value for this claim.")})

    @property
    def is_derived(self) -> bool:
        return self.kind in self.DERIVED_KINDS

    @property
    def verification_expired(self) -> bool:
        if self.provenance != self.Provenance.STAFF_VERIFIED:
            return False
        return self.verification_expires_on < timezone.localdate()

    @property
    def verification_expires_on(self) -> date:
        return self.dated + timedelta(days=conf.verification_valid_days())

    @property
    def effective_provenance(self) -> str:
        """Staff verification lapses: the claim falls back to provider-asserted."""
        if self.verification_expired:
            return self.Provenance.PROVIDER_ASSERTED
        return self.provenance

    @property
    def effective_provenance_label(self) -> str:
        return str(self.Provenance(self.effective_provenance).label)


def claim_value(tool: Tool, kind: str, claim: ToolClaim | None = None) -> str:
    """A claim's value (a ``Disclosure``), from the single place the fact lives.

    Reads the tool's prefetched deployments; works without a claim row (the
    listing states the fact even when no evidence is recorded yet).
    """
    if kind == ToolClaim.Kind.NO_DATA_LEAVES:
        inverse: dict[str, str] = {
            Disclosure.NO: Disclosure.YES,
            Disclosure.YES: Disclosure.NO,
        }
        return inverse.get(tool.data_leaves_premises, Disclosure.NOT_DISCLOSED)
    if kind == ToolClaim.Kind.ON_PREMISE:
        local = {d.runs_locally for d in tool.deployments.all()} - {None}
        if True in local:
            return Disclosure.YES
        return Disclosure.NO if local else Disclosure.NOT_DISCLOSED
    if kind == ToolClaim.Kind.CERTIFICATION:
        return (
            Disclosure.YES
            if tool.security_certifications.strip()
            else Disclosure.NOT_DISCLOSED
        )
    if claim is None or not claim.value:
        return Disclosure.NOT_DISCLOSED
    return claim.value
