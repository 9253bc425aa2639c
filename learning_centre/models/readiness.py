"""The AI-readiness self-assessment."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from learning_centre.models.base import TranslatedMixin


class ReadinessDimension(models.TextChoices):
    GOVERNANCE = "governance", _("Governance")
    LEGAL_BASIS = "legal_basis", _("Legal basis")
    DATA = "data", _("Data")
    SKILLS = "skills", _("Skills")
    PROCUREMENT = "procurement", _("Procurement")
    HUMAN_OVERSIGHT = "human_oversight", _("Human oversight")
    TRANSPARENCY = "transparency", _("Transparency")


class ReadinessQuestion(TranslatedMixin):
    translated_fields = ("text",)

    dimension = models.CharField(
        _("dimension"), max_length=30, choices=ReadinessDimension, db_index=True
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("statement"), max_length=500)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("readiness question")
        verbose_name_plural = _("readiness questions")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text

    @property
    def local_text(self) -> str:
        return self._localised("text")


class ReadinessAssessment(models.Model):
    """One completed self-assessment; answers are kept as given, scores derived."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="readiness_assessments",
    )
    created_at = models.DateTimeField(_("taken"), auto_now_add=True, db_index=True)
    answers = models.JSONField(_("answers"), default=dict)
    scores = models.JSONField(_("scores per dimension (%)"), default=dict)
    overall = models.PositiveSmallIntegerField(_("overall score (%)"), default=0)

    class Meta:
        verbose_name = _("readiness self-assessment")
        verbose_name_plural = _("readiness self-assessments")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"
