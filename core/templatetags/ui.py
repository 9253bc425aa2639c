"""The design system's template tags; a builtin library (settings.TEMPLATES).

``{% icon "search" %}`` draws an icon from the vendored sprite
(static/icons/sprite.svg, built by ``make icons``);
``{% icon "search" label=_("Search") %}`` gives it a name for screen readers,
otherwise it is hidden from them.
``{% monogram name %}`` draws a person's or a provider's initials in a circle
whose colour follows from the name, so the same name always looks the same.
"""

import hashlib

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString

register = template.Library()

MONOGRAM_COLOURS = 8  # .monogram--0 … --7 in static/css/main.css


@register.simple_tag
def icon(name: str, *, label: str = "", css_class: str = "") -> SafeString:
    href = f"{static('icons/sprite.svg')}#{name}"
    classes = f"icon icon--{name} {css_class}".strip()
    if label:
        return format_html(
            '<svg class="{}" role="img" aria-label="{}" focusable="false">'
            '<use href="{}"></use></svg>',
            classes,
            label,
            href,
        )
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false">'
        '<use href="{}"></use></svg>',
        classes,
        href,
    )


def monogram_initials(name: str) -> str:
    """One letter for one word, the first letters of the first and last words
    otherwise; scripts without case (Arabic, Chinese) keep their first letter."""
    letters = [
        next(char for char in word if char.isalnum())
        for word in str(name).split()
        if any(char.isalnum() for char in word)
    ]
    if not letters:
        return "?"
    if len(letters) == 1:
        return letters[0].upper()
    return (letters[0] + letters[-1]).upper()


def monogram_colour(name: str) -> int:
    digest = hashlib.blake2s(str(name).strip().casefold().encode()).digest()
    return digest[0] % MONOGRAM_COLOURS


@register.simple_tag
def monogram(name: object, *, size: str = "") -> SafeString:
    """Decorative: the name is always written beside it, so it is hidden from
    screen readers."""
    text = strip_tags(str(name or ""))  # a |display_name comes in <bdi>
    size_class = f" monogram--{size}" if size else ""
    return format_html(
        '<span class="monogram monogram--{}{}" aria-hidden="true">{}</span>',
        monogram_colour(text),
        size_class,
        monogram_initials(text),
    )
