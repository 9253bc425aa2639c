"""Translatable content: one mechanism for every app.

English is in the model's own fields (the source, and the fallback); every
other language lives in one ``translations`` JSON field,
``{"fr": {"title": "…"}, "zh-hans": {…}}``, keyed by Django language code in
lower case. A model lists the fields it translates in ``translated_fields``;
``localised(field)`` gives the text in the active language, or the English
text marked ``fallback`` so templates add the one "shown in English" note
(``{% load localised %}``, ``templates/includes/shown_in_english.html``).
``core.admin_translations.TranslationsAdminMixin`` builds the staff form,
one box per language per field, from the same list.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

SOURCE_LANGUAGE = "en"


def current_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).lower()


def target_languages() -> list[str]:
    """Every language but English, in the settings' order."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


class Localised(str):
    """A text in the reader's language, or its English fallback.

    ``fallback`` is true when the reader asked for another language and only
    the English text exists: templates then mark it ``lang="en"`` and show
    the note.
    """

    fallback: bool

    def __new__(cls, value: str, *, fallback: bool = False) -> "Localised":
        text = super().__new__(cls, value)
        text.fallback = fallback
        return text


def shown_in_english() -> SafeString:
    """The one "shown in English" note (templates/includes/shown_in_english.html)."""
    return mark_safe(render_to_string("includes/shown_in_english.html").strip())  # noqa: S308 (a template's output)


def localised_html(text: str) -> SafeString | str:
    """Escaped, direction-isolated text; an English fallback marked
    ``lang="en"`` and followed by the note.

    For short texts (names, titles, summaries, quiz answers) wherever they
    are shown, templates through ``{{ obj|translated:"field" }}``, forms here.
    Staff may type a name in any script, so it is isolated like ``|bidi``.
    """
    if not text:
        return ""
    if not getattr(text, "fallback", False):
        return format_html("<bdi>{}</bdi>", str(text))
    return format_html(
        '<bdi lang="en" dir="ltr">{}</bdi> {}', str(text), shown_in_english()
    )


class TranslatedMixin(models.Model):
    """English in the fields; other languages in ``translations`` JSON."""

    translated_fields: ClassVar[tuple[str, ...]] = ()

    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def translation_of(self, field: str, language: str) -> str:
        """The stored text of ``field`` in ``language`` ("" when missing)."""
        if language == SOURCE_LANGUAGE:
            return str(getattr(self, field) or "")
        values = (self.translations or {}).get(language) or {}
        return str(values.get(field) or "")

    def localised(self, field: str, language: str | None = None) -> Localised:
        language = (language or current_language()).lower()
        english = str(getattr(self, field) or "")
        if language == SOURCE_LANGUAGE:
            return Localised(english)
        text = self.translation_of(field, language)
        if text:
            return Localised(text)
        return Localised(english, fallback=bool(english))

    # The name the Learning Centre's models used first.
    _localised = localised

    def has_translation(self, language: str | None = None) -> bool:
        language = (language or current_language()).lower()
        return language == SOURCE_LANGUAGE or bool(
            (self.translations or {}).get(language)
        )

    def is_shown_in_english(self, language: str | None = None) -> bool:
        """True when a translated field has English text but none in ``language``."""
        return any(
            self.localised(field, language).fallback for field in self.translated_fields
        )
