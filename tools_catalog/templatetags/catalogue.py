import re
from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from tools_catalog import ratings

register = template.Library()


@register.filter
def highlight(text: str, query: str) -> SafeString:
    """Escape ``text``, then wrap the words of ``query`` in <mark>.

    Matches are found in the raw text and every piece is escaped, so neither the
    text nor the query can inject markup.
    """
    text = str(text or "")
    words = [w for w in str(query or "").split() if len(w) > 1][:10]
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


@register.filter
def rating_out_of_five(rating: int) -> str:
    """``{{ review.rating|rating_out_of_five }}``: "4 out of 5", "4 sur 5"."""
    return ratings.rating_out_of_five(rating)


@register.simple_tag
def rating_summary(average: Any, count: int) -> str:
    """``{% rating_summary tool.rating_average tool.rating_count %}``: "4.0 out of
    5 (1 review)", as the reader's language writes it."""
    return ratings.rating_average_summary(average, count)


@register.simple_tag
def facet_checkboxes(name: str, choices: list[Any]) -> SafeString:
    """``{% facet_checkboxes facet.name choices %}``: a facet's checkboxes (or
    one group's), each labelled with its count, its term's definition tied to
    it with ``aria-describedby``. Ids are the facet and the value, the same in
    every response, so htmx keeps the focus when it swaps them. Built here
    rather than in a template loop: an uncached browse page has about a
    hundred of them, and this is a tenth of the template's cost."""
    parts = []
    for choice in choices:
        ident = f"{name}-{choice.value}"
        checked = mark_safe(" checked") if choice.checked else ""
        described = (
            format_html(' aria-describedby="{}-h"', ident) if choice.help else ""
        )
        parts.append(
            format_html(
                '<label class="term-option"><input type="checkbox" name="{}" '
                'value="{}" id="{}"{}{}> {}</label>',
                name,
                choice.value,
                ident,
                checked,
                described,
                choice.text,
            )
        )
        if choice.help:
            parts.append(
                format_html(
                    '<span class="term-help" id="{}-h">{}</span>', ident, choice.help
                )
            )
    return mark_safe("\n".join(parts))  # noqa: S308 - every part is format_html's
