"""The workflow stages, shared with the catalogue and the community."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learning_centre.models.base import TranslatedMixin


class Stage(TranslatedMixin):
    """One step of the (illustrative) eight-stage investigation workflow.

    Data, not code, so names can change without a release. The catalogue tags
    tools with stages and the Learning Centre teaches them: this is the one model
    both use. English is in the fields; other languages in ``translations``,
    ``{"fr": {"name": "…", "summary": "…"}, …}``, falling back to English.
    """

    translated_fields = (
        "name",
        "summary",
        "description",
        "challenges",
        "ai_help",
        "cautions",
    )

    key = models.SlugField(_("key"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    summary = models.TextField(_("what happens"))
    description = models.TextField(
        _("the stage in full"), blank=True, help_text=_("Markdown.")
    )
    challenges = models.TextField(_("challenges"), blank=True, help_text=_("Markdown."))
    ai_help = models.TextField(_("how AI helps"), blank=True, help_text=_("Markdown."))
    cautions = models.TextField(
        _("responsible-use cautions"), blank=True, help_text=_("Markdown.")
    )
    involves_viewing = models.BooleanField(
        _("involves viewing abuse material"),
        default=False,
        help_text=_("The stage page then points prominently to officer wellbeing."),
    )

    class Meta:
        verbose_name = _("workflow stage")
        verbose_name_plural = _("workflow stages")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.local_name}"

    def get_absolute_url(self) -> str:
        return reverse("learning_centre:stage-detail", kwargs={"key": self.key})

    @property
    def local_name(self) -> str:
        return self._localised("name")

    @property
    def local_summary(self) -> str:
        return self._localised("summary")

    @property
    def local_description(self) -> str:
        return self._localised("description")

    @property
    def local_challenges(self) -> str:
        return self._localised("challenges")

    @property
    def local_ai_help(self) -> str:
        return self._localised("ai_help")

    @property
    def local_cautions(self) -> str:
        return self._localised("cautions")
