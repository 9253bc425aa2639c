"""Text typed by people, shown to other people: bidi-safe in and out.

A name or title may mix scripts (Arabic and Latin, say). Two rules keep it from
reordering the text around it or disguising itself:

- at input, ``bidi_controls_strip`` removes the invisible direction controls
  (embeddings, overrides, isolates and marks), which can make "evil.exe" read as
  "exe.live"; every form field for a name or title is a ``core.forms.TextLineField``,
  which applies it;
- at output, ``bidi_isolate`` wraps the text in ``<bdi>``, so its direction is
  worked out on its own and cannot spill into the page (the ``|bidi`` filter).
"""

import re

from django.utils.html import format_html
from django.utils.safestring import SafeString

# LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM, and the Arabic letter mark.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def bidi_controls_strip(value: str) -> str:
    return BIDI_CONTROLS.sub("", value)


def bidi_isolate(value: object) -> SafeString:
    """``<bdi>`` around the escaped value; nothing at all for an empty one."""
    if value is None or value == "":
        return SafeString("")
    return format_html("<bdi>{}</bdi>", value)
