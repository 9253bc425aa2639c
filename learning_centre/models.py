from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Stage(models.Model):
    """One step of the (illustrative) eight-stage investigation workflow.

    Data, not code, so names can change without a release. The catalogue tags
    tools with stages and the Learning Centre teaches them: this is the one model
    both use. English is in the fields; other languages in ``translations``,
    ``{"fr": {"name": "…", "summary": "…"}, …}``, falling back to English.
    """

    key = models.SlugField(_("key"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    summary = models.TextField(_("what happens"))
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        verbose_name = _("workflow stage")
        verbose_name_plural = _("workflow stages")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.local_name}"

    def _localised(self, field: str) -> str:
        language = translation.get_language() or settings.LANGUAGE_CODE
        localised = self.translations.get(language, {}).get(field)
        return localised or getattr(self, field)

    @property
    def local_name(self) -> str:
        return self._localised("name")

    @property
    def local_summary(self) -> str:
        return self._localised("summary")
