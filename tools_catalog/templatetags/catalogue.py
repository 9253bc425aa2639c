import re
from html import escape as _escape
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe

from core.translation import shown_in_english
from tools_catalog import cache, ratings

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
        ident = _escape(f"{name}-{choice.value}")
        checked = " checked" if choice.checked else ""
        described = f' aria-describedby="{ident}-h"' if choice.help else ""
        parts.append(
            f'<label><input type="checkbox" name="{_escape(name)}" '
            f'value="{_escape(choice.value)}" id="{ident}"{checked}{described}> '
            f"{conditional_escape(choice.text)}</label>"  # safe: isolated by the filter
        )
        if choice.help:
            parts.append(
                f'<span class="term-help" id="{ident}-h">{_escape(choice.help)}</span>'
            )
    return mark_safe("\n".join(parts))  # noqa: S308 - every value is escaped


CARD_BODY_TEMPLATE = "tools_catalog/includes/tool_card_body.html"
_SLUG = "--slug--"
# A card's mark for a summary shown in English (explained once per page).
_EN_MARK = SafeString(' <span class="shown-in-english" lang="en">EN</span>')


@register.simple_tag
def tool_cards(tools: Any, query: str, version: str, language: str) -> SafeString:
    """``{% tool_cards page_obj query version language %}``: the page's result
    cards. The heading (name, provider and summary, the search highlighted)
    is built here for every search; the rest of a card is the same for every
    search, so it is rendered from ``tool_card_body.html`` once per tool and
    language under the catalogue version and cached (``tools_catalog.cache``:
    this process, then the shared cache in one round trip). Built in Python,
    not in a template loop: twenty cards were half of an uncached page's cost.
    Nothing here may depend on the member: the HTML is shared by everyone."""
    tools = list(tools)
    keys = cache.card_body_keys(
        pks=[t.pk for t in tools], version=version, language=language
    )
    bodies = cache.card_bodies_get(keys)
    new: dict[str, str] = {}
    for tool in tools:
        if tool.pk not in bodies:
            html = _compact_lines(render_to_string(CARD_BODY_TEMPLATE, {"tool": tool}))
            bodies[tool.pk] = new[keys[tool.pk]] = html
    if new:
        cache.card_bodies_set(new)
    url = reverse("tools_catalog:tool-detail", kwargs={"slug": _SLUG})
    parts = []
    fallbacks = 0
    for tool in tools:
        summary = tool.localised("summary", language)
        fallbacks += summary.fallback
        parts.append(
            format_html(
                '<article class="tool-card">\n<h3><a href="{}"><bdi>{}</bdi></a></h3>\n'
                '<p class="tool-card__provider"><bdi>{}</bdi></p>\n'
                "<p><bdi{}>{}</bdi>{}</p>\n",
                url.replace(_SLUG, tool.slug),
                highlight(tool.name, query),
                highlight(tool.provider.name, query),
                mark_safe(' lang="en" dir="ltr"') if summary.fallback else "",
                highlight(summary, query),
                _EN_MARK if summary.fallback else "",
            )
        )
        parts.append(mark_safe(bodies[tool.pk]))  # noqa: S308 (our rendered template)
        parts.append(mark_safe("</article>\n"))
    if fallbacks:
        # The "shown in English" note once, above the cards; each card whose
        # summary is not translated yet carries the short mark it explains.
        parts.insert(
            0,
            format_html(
                '<p class="hint">{}: {}</p>\n',
                SafeString(_EN_MARK.strip()),
                shown_in_english(),
            ),
        )
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def _compact_lines(html: str) -> str:
    """Each run of whitespace that holds a line break, as one line break."""
    return _BLANK_LINES.sub("\n", html).strip()


_BLANK_LINES = re.compile(r"[ \t\r\f\v]*\n\s*")


# Process-local memos of facet markup: keyed by everything the markup shows
# (catalogue labels, counts, what is ticked, the language's text), never by who
# asks; bounded, cleared when full.
_MEMO_SIZE = 4096
_fieldsets: dict[tuple[Any, ...], SafeString] = {}
_field_groups: dict[tuple[Any, ...], SafeString] = {}


def _memo_put(
    memo: dict[tuple[Any, ...], SafeString], key: tuple[Any, ...], html: SafeString
) -> SafeString:
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = html
    return html


@register.simple_tag
def facet_fieldset(facet: Any, oob: bool = False) -> SafeString:
    """``{% facet_fieldset facet oob %}``: a facet's fieldset of checkboxes with
    their counts (``facet_checkboxes``), in groups when it has them. Its id and
    every checkbox's id stay the same across responses, so htmx swaps it out
    of band (``oob``) and keeps the member's focus. Memoised in this process
    by what it shows: most requests repeat a facet's counts."""
    errors = str(facet.errors) if facet.errors else ""
    key = (
        facet.name,
        facet.label,
        bool(oob),
        errors,
        tuple(
            (group, tuple((c.value, c.text, c.checked, c.help) for c in choices))
            for group, choices in facet.groups
        ),
    )
    html = _fieldsets.get(key)
    if html is not None:
        return html
    parts = [
        format_html(
            '<fieldset id="f-{}"{}>\n<legend>{}</legend>\n',
            facet.name,
            mark_safe(' data-hx-swap-oob="true"') if oob else "",
            facet.label,
        )
    ]
    if errors:
        parts.append(mark_safe(errors + "\n"))  # noqa: S308 (Django's ErrorList HTML)
    for group, choices in facet.groups:
        if group:
            parts.append(
                format_html(
                    '<fieldset class="facet-group">\n<legend>{}</legend>\n', group
                )
            )
        parts.append(facet_checkboxes(facet.name, choices))
        if group:
            parts.append(mark_safe("\n</fieldset>"))
        parts.append(mark_safe("\n"))
    parts.append(mark_safe("</fieldset>"))
    return _memo_put(_fieldsets, key, mark_safe("".join(parts)))  # noqa: S308


@register.simple_tag
def field_group(form: Any, name: str, language: str) -> SafeString:
    """``{% field_group form "q" language %}``: ``form.q.as_field_group``,
    memoised in this process by the language and the field's value when the
    field has no error (its widget templates cost more than the facets)."""
    field = form[name]
    if field.errors:
        return mark_safe(field.as_field_group())  # noqa: S308 (Django's form HTML)
    key = (name, language, str(field.value() or ""))
    html = _field_groups.get(key)
    if html is None:
        html = _memo_put(_field_groups, key, mark_safe(field.as_field_group()))  # noqa: S308
    return html
