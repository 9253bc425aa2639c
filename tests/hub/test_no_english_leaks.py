"""No English interface string is left on a page shown in another language.

Every page of the authorization matrix (tests/tools/pages.py) is fetched as its
persona in Arabic, Chinese, French, Russian and Spanish. Its visible text (text
nodes and the attributes people read: labels, titles, placeholders, alt text,
button values) is compared with the English msgids of every catalogue of the
Hub: a text node that is exactly an English msgid (placeholders matching
anything) whose translation differs is an English string the reader meets.
Text marked with another ``lang`` (the language switcher's own names) is skipped,
and ``ALLOWED`` lists what is English on purpose.
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.utils.translation import to_locale

from core.i18n import path_for_language
from tests.conftest import make_persona
from tests.hub.test_i18n import CATALOGUE_DIRS
from tests.test_access import url_for
from tests.tools.pages import Page as SitePage
from tests.tools.pages import is_attachment, is_html, pages

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
# Proper names, product and tool names, and codes, the same in every language.
ALLOWED = frozenset({"Safer Children Hub", "Hub", "UTC", "TOTP", "Markdown", "—"})
READ_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}")


def _pattern(msgid: str) -> re.Pattern[str] | None:
    """A msgid as a regex over normalised text; None for ones too short to judge."""
    text = " ".join(msgid.split())
    literal = PLACEHOLDER.sub("", text)
    if len(re.findall(r"[A-Za-z]{2,}", literal)) < 1 or text in ALLOWED:
        return None
    return re.compile(_literals(text) + r"\Z")


def _literals(text: str) -> str:
    """The msgid as a regex: a number placeholder matches digits, others anything."""
    pieces, last = [], 0
    for match in PLACEHOLDER.finditer(text):
        pieces.append(re.escape(text[last : match.start()]))
        numeric = re.search(r"count|number|total|num\b|%d", match.group(0))
        pieces.append(r"[\d\s.,]+" if numeric else ".+?")
        last = match.end()
    pieces.append(re.escape(text[last:]))
    return "".join(pieces)


@cache
def _english_strings(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every msgid whose translation into ``language`` is not the msgid itself."""
    found: dict[str, re.Pattern[str]] = {}
    locale = to_locale(language)
    for directory in CATALOGUE_DIRS:
        path = Path(directory) / locale / "LC_MESSAGES" / "django.po"
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            translations = (
                list(entry.msgstr_plural.values())
                if entry.msgid_plural
                else [entry.msgstr]
            )
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                if msgid in translations:
                    continue  # the same in this language: a name, a code
                pattern = _pattern(msgid)
                if pattern is not None:
                    found[msgid] = pattern
    return tuple(found.items())


class _VisibleText(HTMLParser):
    """Text nodes and read attributes, outside scripts and foreign-language parts."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden from this check)
        self.texts: list[str] = []

    def _skipping(self) -> bool:
        return any(hidden for _tag, hidden in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang")
        hidden = tag in {"script", "style", "template"} or (
            lang is not None and not lang.startswith(self.language.split("-")[0])
        )
        if not hidden and not self._skipping():
            for name in READ_ATTRIBUTES & values.keys():
                self.texts.append(values[name] or "")
            if tag == "input" and values.get("type") in {"submit", "button"}:
                self.texts.append(values.get("value") or "")
        if tag not in self.VOID:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self._skipping():
            self.texts.append(data)


def english_leaks(html: str, language: str) -> list[str]:
    parser = _VisibleText(language)
    parser.feed(html)
    nodes = {" ".join(text.split()) for text in parser.texts}
    nodes.discard("")
    return sorted(
        {
            msgid
            for node in nodes
            if node not in ALLOWED
            for msgid, pattern in _english_strings(language)
            if pattern.match(node)
        }
    )


@pytest.mark.django_db
@pytest.mark.parametrize("site_page", [pytest.param(p, id=p.test_id) for p in pages()])
def test_no_english_interface_string_on_a_translated_page(site_page: SitePage) -> None:
    user = make_persona(site_page.persona)
    client = Client()
    if user is not None:
        client.force_login(user)
    english = url_for(site_page.url_name, user)
    leaks = {}
    for language in LANGUAGES:
        response = client.get(path_for_language(english, language=language))
        assert response.status_code == 200
        if not is_html(response) or is_attachment(response):
            pytest.skip("not an HTML page")
        found = english_leaks(response.content.decode(), language)
        if found:
            leaks[language] = found
    assert not leaks, f"English on {english} as {site_page.persona_label}: {leaks}"


def test_the_leak_finder_finds_english_and_ignores_names():
    html = (
        '<html lang="fr"><body><h1>Outils</h1><p>Skip to main content</p>'
        '<option lang="en" value="en">English</option>'
        '<input type="submit" value="Change"><p>Safer Children Hub</p></body></html>'
    )
    assert english_leaks(html, "fr") == ["Change", "Skip to main content"]
