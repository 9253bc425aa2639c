"""The curated vocabulary a tool is tagged with."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translation import TranslatedMixin


class TermInUseError(Exception):
    """A term that tools use cannot be deleted: merge it into another instead."""


class Term(TranslatedMixin):
    """A curated value of a multi-valued facet (``fixtures/vocabulary.yaml``).

    English is in the fields; other languages in ``translations``,
    ``{"fr": {"name": "…", "definition": "…"}, …}``, falling back to English
    (the pattern of ``learning_centre.Stage``). A term in use is never deleted:
    ``services.term_merge`` moves its tools to another term first.
    """

    translated_fields = ("name", "definition")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    definition = models.CharField(
        _("definition"),
        max_length=300,
        blank=True,
        help_text=_("One line, shown as help beside the term."),
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.local_name

    @property
    def local_name(self) -> str:
        return self._localised("name")

    @property
    def local_definition(self) -> str:
        return self._localised("definition")

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.pk is not None and self.tools.exists():  # type: ignore[attr-defined]
            raise TermInUseError(self.slug)
        return super().delete(*args, **kwargs)


class CapabilityGroup(models.TextChoices):
    DETECTION = "detection", _("Detection and classification")
    HASHING = "hashing", _("Hashing and known material")
    IDENTIFICATION = "identification", _("Victim and offender identification")
    TEXT = "text", _("Text and chat")
    OSINT = "osint", _("OSINT and dark web")
    TRIAGE = "triage", _("Triage and prioritisation")
    CASE = "case", _("Case management and reporting")
    FORENSICS = "forensics", _("Forensic acquisition")


class Capability(Term):
    group = models.CharField(
        _("group"),
        max_length=20,
        choices=CapabilityGroup.choices,
        default=CapabilityGroup.DETECTION,
    )

    class Meta(Term.Meta):
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")


class DataType(Term):
    class Meta(Term.Meta):
        verbose_name = _("data type")
        verbose_name_plural = _("data types")


class DeploymentMode(Term):
    runs_locally = models.BooleanField(
        _("runs on the agency's own hardware"),
        null=True,
        blank=True,
        help_text=_(
            "Yes for on-premise, air-gapped or desktop installations; no for "
            'hosted services. Decides the claim "Runs on-premise".'
        ),
    )

    class Meta(Term.Meta):
        verbose_name = _("deployment mode")
        verbose_name_plural = _("deployment modes")


class Integration(Term):
    class Meta(Term.Meta):
        verbose_name = _("integration")
        verbose_name_plural = _("integrations")


class SupportedLanguage(Term):
    class Meta(Term.Meta):
        verbose_name = _("supported language")
        verbose_name_plural = _("supported languages")
