"""Markdown to safe HTML, for every app: Markdown renders, nh3 keeps an allow-list.

Scripts, iframes, styles, event-handler attributes and ``javascript:`` URLs never
survive. Text typed by members (``from_members=True``) is stricter still: raw HTML
in it is shown as text, not interpreted, and its links are marked ``nofollow ugc``.
"""

import re

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

from core.text import bidi_controls_strip

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "dl", "dt", "em", "h2", "h3",
    "h4", "hr", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["fenced_code", "tables", "sane_lists"]
# Each block finds its own direction from its first letter (dir="auto"), so an
# English heading or paragraph inside an Arabic post, or the reverse, reads in
# its own direction with its punctuation on the right side.
BLOCK_TAG = re.compile(r"<(p|h[2-4]|li|blockquote|td|th|dd|dt)(\s[^>]*)?>")


def markdown_render(text: str, *, from_members: bool = False) -> SafeString:
    converter = md.Markdown(extensions=EXTENSIONS, output_format="html")
    if from_members:
        converter.preprocessors.deregister("html_block")
        converter.inlinePatterns.deregister("html")
    # Direction overrides would let text (a link's address, say) read backwards.
    cleaned = nh3.clean(
        converter.convert(bidi_controls_strip(text or "")),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow ugc"
        if from_members
        else "noopener noreferrer",
    )
    directed = BLOCK_TAG.sub(r'<\1 dir="auto"\2>', cleaned)
    return mark_safe(directed)  # noqa: S308 - sanitised by nh3 just above
