"""The translation mixin shared by the Learning Centre's models."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def _current_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).lower()


class TranslatedMixin(models.Model):
    """English in the fields; other languages in ``translations`` JSON.

    ``{"fr": {"title": "…"}, "ar": {…}}`` — any missing value falls back to the
    English field. Keys are Django language codes in lower case (``zh-hans``).
    """

    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def _localised(self, field: str) -> str:
        localised = self.translations.get(_current_language(), {}).get(field)
        return localised or getattr(self, field)

    def has_translation(self) -> bool:
        language = _current_language()
        return language == "en" or bool(self.translations.get(language))
