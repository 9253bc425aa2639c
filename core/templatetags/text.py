"""Template helpers every app uses; a builtin library (settings.TEMPLATES), so
templates need no ``{% load %}`` for them."""

from django import template
from django.utils.safestring import SafeString

from core.text import bidi_isolate

register = template.Library()


@register.filter
def bidi(value: object) -> SafeString:
    """Isolate text typed by a person (a name, a title): ``{{ topic.title|bidi }}``."""
    return bidi_isolate(value)
