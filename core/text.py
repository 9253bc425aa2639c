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
# Characters that draw nothing in a one-line name: zero-width space, non-joiner
# and joiner, word joiner, byte-order mark, soft hyphen, the line and paragraph
# separators, and the other invisible format characters (Unicode category Cf is
# handled below). A name made of them looks blank, or like another name.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200d\u2028\u2029\u2060-\u2064\ufeff]")
# Line breaks and the other control characters: a one-line name has none (it goes
# into a page's <title>, an email's subject and text); each run becomes one space.
LINE_BREAKS = re.compile("[\x00-\x1f\x7f\x85]+")


def bidi_controls_strip(value: str) -> str:
    """Remove the direction controls (any text: posts, bodies, names)."""
    return BIDI_CONTROLS.sub("", value)


def name_clean(value: str) -> str:
    """A one-line name or title as typed, without the direction controls or the
    invisible characters that could make it look blank or like someone else's,
    and on one line (line breaks and tabs become a space)."""
    return LINE_BREAKS.sub(" ", INVISIBLE.sub("", bidi_controls_strip(value)))


def bidi_isolate(value: object) -> SafeString:
    """``<bdi>`` around the escaped value; nothing at all for an empty one."""
    if value is None or value == "":
        return SafeString("")
    return format_html("<bdi>{}</bdi>", value)
