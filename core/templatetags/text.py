"""Template helpers every app uses; a builtin library (settings.TEMPLATES), so
templates need no ``{% load %}`` for them."""

from django import template
from django.utils.safestring import SafeString

from core.text import bidi_controls_strip, bidi_isolate

register = template.Library()


@register.filter
def bidi(value: object) -> SafeString:
    """Isolate text typed by a person (a name, a title): ``{{ topic.title|bidi }}``."""
    return bidi_isolate(value)


@register.filter
def bidi_strip(value: object) -> str:
    """Text typed by a person where markup cannot go (an <option>'s label):
    without direction controls, so an unterminated override cannot reverse the
    rest of the label. ``{{ widget.label|bidi_strip }}``."""
    return bidi_controls_strip(str(value))
