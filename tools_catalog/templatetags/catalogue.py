import re
from typing import Any

from django import template
from django.utils.html import escape
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
