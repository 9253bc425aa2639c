"""Translated content in templates, one pattern everywhere (``core.translation``).

``{{ tool|translated:"summary" }}`` prints a short text in the reader's
language; when only English exists it prints it inside ``lang="en"`` with the
"shown in English" note (``templates/includes/shown_in_english.html``). Longer
texts that go through another filter (Markdown, line breaks) take two steps::

    {% with text=stage|localised:"description" %}
      <div{{ text|lang_attrs }}>{{ text|markdown }}</div>
      {% if text.fallback %}{% include "includes/shown_in_english.html" %}{% endif %}
    {% endwith %}
"""

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from core.translation import Localised, localised_html, shown_in_english

register = template.Library()


@register.filter
def localised(obj: Any, field: str) -> Localised | str:
    """The field in the reader's language, or English marked ``fallback``."""
    if obj is None or obj == "":
        return ""
    return obj.localised(field)


@register.filter
def lang_attrs(text: object) -> SafeString:
    """`` lang="en" dir="ltr"`` on an element holding an English fallback."""
    if getattr(text, "fallback", False):
        return mark_safe(' lang="en" dir="ltr"')
    return mark_safe("")


@register.simple_tag
def shown_in_english_note() -> SafeString:
    """The note, in the reader's language: ``{% shown_in_english_note %}``."""
    return shown_in_english()


@register.filter
def translated(obj: Any, field: str) -> SafeString | str:
    """A short text in the reader's language, or in English with the note."""
    if obj is None or obj == "":
        return ""
    return localised_html(obj.localised(field))
