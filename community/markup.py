"""Markdown in, sanitised HTML out: members' text never carries script."""

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}


def markdown_render(text: str) -> str:
    # Raw HTML in the source is shown as text, then the allow-list has the last word.
    md = markdown.Markdown(
        extensions=["fenced_code", "tables", "sane_lists"], output_format="html"
    )
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    html = md.convert(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow ugc",
    )


def markdown_quote(*, author: str, text: str) -> str:
    quoted = "\n".join(f"> {line}" for line in text.strip().splitlines())
    return f"> **{author}:**\n>\n{quoted}\n\n"
