"""Bidi done once, everywhere: the class of hole, not single cases.

Text a person typed (a name, a title) is isolated on output by ``|bidi`` (or
``|display_name`` / ``|staff_label``, which isolate too) and cleaned of direction
controls at input by ``core.forms.TextLineField``. These tests scan every
template and every form, so a new page or form cannot forget either.
"""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django.urls import get_resolver

from accounts.models import User

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
# The last part of an expression that holds what a person typed as a name or
# title (theirs, their organisation's, a tool's, a topic's): it may be in any
# script, so it is isolated from the page around it. Names the Hub writes and
# translates (stages, paths, countries, charts) are in the page's language.
NAMED = re.compile(
    r"(^|\.)(name|title|full_name|holder_name|user_name|applicant_name|agency_name|"
    r"supervisor_name|organisation_name|tool_name|job_title|path_title|"
    r"organisation|provider|author|applicant)$"
)
OURS = re.compile(r"^(current_site|chart|opts|country|\w+\.country|stage|category)\.")
ISOLATING = {"bidi", "display_name", "staff_label"}
VARIABLE = re.compile(r"\{\{\s*([\w.]+)((?:\|[^}|]+)*)\s*\}\}")
ASSIGNMENT = re.compile(r"(\w+)=([\w.]+)((?:\|[\w.:\"']+)*)")
# Tags that name a value for what follows: the value is checked here.
ASSIGNING_TAG = re.compile(r"\{%\s*(?:blocktrans(?:late)?|include|with)\b([^%]*)%\}")
BLOCKTRANS_BODY = re.compile(
    r"\{%\s*blocktrans(?:late)?\b.*?\{%\s*endblocktrans(?:late)?\s*%\}", re.S
)
# Places where markup cannot go (the text is plain there) or where no reader sees it.
PLAIN_TEXT = re.compile(
    r"\{%\s*block title\s*%\}.*?\{%\s*endblock|<title\b.*?</title>"
    r"|<option\b.*?</option>|<textarea\b.*?</textarea>",
    re.S,
)


def _named(expression: str) -> bool:
    return bool(NAMED.search(expression)) and not OURS.search(expression)


def _isolated(filters: str) -> bool:
    names = {f.split(":", 1)[0].strip() for f in filters.split("|") if f.strip()}
    return bool(names & ISOLATING) or not names.isdisjoint({"date", "length"})


def _in_tag(text: str, at: int) -> bool:
    """True when ``at`` is inside a tag (an attribute value), not in the text."""
    return text.rfind("<", 0, at) > text.rfind(">", 0, at)


def _holes(path: Path) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of every name or title printed without isolation."""
    text = path.read_text()
    plain = [m.span() for m in PLAIN_TEXT.finditer(text)]
    blocks = [m.span() for m in BLOCKTRANS_BODY.finditer(text)]

    def skipped(at: int) -> bool:
        return _in_tag(text, at) or any(a <= at < b for a, b in plain)

    for match in VARIABLE.finditer(text):
        expression, filters = match.group(1), match.group(2)
        if "." not in expression or any(a <= match.start() < b for a, b in blocks):
            continue  # a local name: checked where it is assigned
        named = _named(expression) and not _isolated(filters)
        if named and not skipped(match.start()):
            yield match.start(), match.end(), match.group(0)
    for tag in ASSIGNING_TAG.finditer(text):
        if skipped(tag.start()):
            continue
        for assignment in ASSIGNMENT.finditer(tag.group(1)):
            _var, expression, filters = assignment.groups()
            if _named(expression) and not _isolated(filters):
                start = tag.start(1) + assignment.start()
                yield start, start + len(assignment.group(0)), assignment.group(0)


def _unisolated(path: Path) -> list[str]:
    return [found for _start, _end, found in _holes(path)]


def _html_templates() -> Iterator[Path]:
    for directory in TEMPLATE_DIRS:
        yield from directory.rglob("*.html")


def test_every_name_and_title_in_every_template_is_isolated():
    holes = {
        str(path.relative_to(ROOT)): found
        for path in _html_templates()
        if (found := _unisolated(path))
    }
    assert not holes, "add |bidi: " + "\n".join(f"{p}: {h}" for p, h in holes.items())


def test_the_scanner_finds_a_hole(tmp_path):
    sample = tmp_path / "x.html"
    sample.write_text(
        "<h1>{{ tool.name }}</h1><p>{{ topic.title|bidi }}</p>"
        '<a title="{{ tool.name }}">{% blocktranslate with n=tool.name %}{{ n }}'
        "{% endblocktranslate %}</a>"
    )
    assert list(_unisolated(sample)) == ["{{ tool.name }}", "n=tool.name"]


# Fields named like a name or title that are not one a person reads as such.
NOT_TEXT_LINES = {
    # allauth: the name a person gives their own passkey, shown only to them.
    ("allauth.mfa.webauthn.forms", "name"),
    # The audit log is written by the Hub, never typed; its admin is read-only.
    ("AuditEvent", "actor_label"),
    ("AuditEvent", "target_label"),
    # django.contrib.sites: the Hub's own name, set by a migration.
    ("Site", "name"),
}
NAME_OR_TITLE_FIELD = re.compile(r"(^|_)(name|title)$")


def _form_classes() -> Iterator[type[forms.BaseForm]]:
    get_resolver().url_patterns  # imports every view, hence every form  # noqa: B018
    pending = list(forms.BaseForm.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        yield cls


def _admin_forms() -> Iterator[tuple[str, type[forms.BaseForm]]]:
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    for model, model_admin in admin.site._registry.items():
        yield model.__name__, model_admin.get_form(request, None)
        for inline in model_admin.get_inline_instances(request):
            yield inline.model.__name__, inline.get_formset(request).form


def _loose_text_lines(owner: str, form: type[forms.BaseForm]) -> Iterator[str]:
    # An abstract form mixin has no fields of its own. The admin's box for each
    # language (core.admin_translations) of a one-line field is a one-line field
    # too, whatever the field is called: ``title__ar``, ``definition__fr``.
    per_language = getattr(form, "translation_map", {})
    for name, field in getattr(form, "base_fields", {}).items():
        if (
            (NAME_OR_TITLE_FIELD.search(name) or name in per_language)
            and type(field) is forms.CharField
            and not isinstance(field.widget, forms.Textarea)
            and (owner, name) not in NOT_TEXT_LINES
        ):
            yield f"{owner}.{name}"


@pytest.mark.django_db
def test_every_name_and_title_field_strips_direction_controls():
    """Every form and admin field for a name or title is a TextLineField."""
    apps = ("accounts", "onboarding", "tools_catalog", "learning_centre", "community")
    loose = [
        hole
        for cls in _form_classes()
        if cls.__module__.startswith((*apps, "hub", "core", "allauth"))
        for hole in _loose_text_lines(cls.__module__, cls)
    ]
    loose += [
        hole
        for owner, form in _admin_forms()
        for hole in _loose_text_lines(owner, form)
    ]
    assert not loose, f"use core.forms.TextLineField for: {sorted(set(loose))}"


@pytest.mark.django_db
def test_the_admin_translation_boxes_are_scanned():
    """The scan sees every language's box of a translated one-line field."""
    from community.models import Event

    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    form = admin.site._registry[Event].get_form(request, None)
    owners = dict(_admin_forms())
    assert "title__ar" in form.base_fields
    assert "Event" in owners


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model_path", "box"),
    [
        ("community.models.Event", "title__ar"),
        ("tools_catalog.models.Capability", "name__fr"),
        ("tools_catalog.models.Tool", "summary__zh_hans"),
    ],
)
def test_a_translated_one_line_field_loses_line_breaks_and_direction_controls(
    model_path, box
):
    from django.utils.module_loading import import_string

    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    model = import_string(model_path)
    field = admin.site._registry[model].get_form(request, None).base_fields[box]
    assert not isinstance(field.widget, forms.Textarea)
    assert field.clean("\u202eevil\r\nline\u2066") == "evil line"


@pytest.mark.django_db
def test_an_admin_title_loses_its_direction_controls():
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    from onboarding.models import RejectionReason

    form = admin.site._registry[RejectionReason].get_form(request, None)
    field = form.base_fields["title"]
    assert field.clean("\u202eexe.txt Out of scope") == "exe.txt Out of scope"


@pytest.mark.django_db
def test_an_english_tool_name_on_an_arabic_page_is_isolated(member_client):
    from tests.tools_catalog.factories import ToolFactory

    ToolFactory(name="Griffeye Analyze DI.", status="published")
    page = member_client.get("/ar/tools/").content.decode()
    assert "<bdi>Griffeye Analyze DI.</bdi>" in page
