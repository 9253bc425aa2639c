"""Learning resources and their per-language versions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learning_centre.models.readiness import ReadinessDimension
from learning_centre.models.stages import Stage


class ResourceQuerySet(models.QuerySet["Resource"]):
    def published(self) -> "ResourceQuerySet":
        return self.filter(is_published=True)


class Resource(models.Model):
    """A piece of learning material; its text lives in per-language versions."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        VIDEO = "video", _("Video")
        GUIDE = "guide", _("Guide")
        CHECKLIST = "checklist", _("Checklist")
        LINK = "link", _("External link")

    class Topic(models.TextChoices):
        IMPLEMENTING_AI = "implementing_ai", _("Implementing AI")
        TECHNIQUES = "techniques", _("Investigation techniques")
        WELLBEING = "wellbeing", _("Officer wellbeing")
        LEGAL_ETHICAL = "legal_ethical", _("Legal and ethical")
        PROCUREMENT = "procurement", _("Procurement")

    class Level(models.TextChoices):
        INTRODUCTORY = "introductory", _("Introductory")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind, db_index=True)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic, db_index=True)
    level = models.CharField(_("level"), max_length=20, choices=Level, db_index=True)
    stages = models.ManyToManyField(
        Stage, related_name="resources", blank=True, verbose_name=_("stages")
    )
    readiness_dimension = models.CharField(
        _("recommended for readiness dimension"),
        max_length=30,
        choices=ReadinessDimension,
        blank=True,
        db_index=True,
    )
    url = models.URLField(
        _("link"), blank=True, help_text=_("For videos and external links.")
    )
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("learning_centre:resource-detail", kwargs={"slug": self.slug})

    def version_for(self, language: str) -> "ResourceVersion | None":
        """The version in ``language``, else English, from prefetched versions."""
        versions = {v.language: v for v in self.versions.all()}
        return versions.get(language) or versions.get("en")


class ResourceVersion(models.Model):
    """One language's text of a resource. English must exist: it is the fallback."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="versions"
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, db_index=True
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    body = models.TextField(
        _("body"), blank=True, max_length=50_000, help_text=_("Markdown.")
    )
    transcript = models.TextField(
        _("transcript"), blank=True, max_length=50_000, help_text=_("For videos.")
    )

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "language"], name="lc_one_version_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"
