"""Every page of the authorization matrix is valid HTML (the Nu Html Checker).

Each GET URL of tests/test_access.py's MATRIX that answers 200 to some persona is
rendered with the test client as the first such persona (members first, see
tests/tools/pages.py), in English, and a handful in each other language too
(Arabic, right to left, and Chinese, French, Russian, Spanish). All pages go to
one run of vnu.jar (Java starts once); each page is then its own test, listing
the checker's errors with the line of the rendered HTML they point at.

vnu.jar comes from the npm registry's ``vnu-jar`` package; the test looks for it
in $VNU_JAR, then ~/.cache/vnu/package/build/dist/vnu.jar (where
``cd ~/.cache/vnu && npm pack vnu-jar && tar xf vnu-jar-*.tgz`` puts it), and
skips when Java or the jar is missing.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils import translation

from accounts.models import User
from tests.conftest import make_persona, restore_data_from_migrations
from tests.test_access import url_for
from tests.tools.pages import Page, is_html, pages

VNU_CANDIDATES = (
    Path.home() / ".cache/vnu/package/build/dist/vnu.jar",
    Path.home() / ".cache/vnu/build/dist/vnu.jar",
    Path.home() / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar",
    Path.home() / ".cache/vnu/vnu.jar",
)
VNU_TIMEOUT_S = 300
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "html"

# The Arabic (right-to-left) rendering of a handful of pages: a public page, the
# sign-in and application forms, tables, a detail page with Markdown, staff forms.
ARABIC_PAGES = (
    "hub:home",
    "account_login",
    "onboarding:application",
    "onboarding:case-detail",
    "accounts:audit-list",
    "tools_catalog:tool-list",
    "tools_catalog:tool-detail",
    "learning_centre:module-detail",
    "community:topic-detail",
    "community:event-create",
)

PAGES = pages()
OTHER_LANGUAGES = ("ar", "zh-hans", "fr", "ru", "es")
CHECKS: list[tuple[Page, str]] = [(page, "en") for page in PAGES] + [
    (page, language)
    for language in OTHER_LANGUAGES
    for page in PAGES
    if page.url_name in ARABIC_PAGES
]
assert {page.url_name for page, language in CHECKS if language == "ar"} == set(
    ARABIC_PAGES
), "an Arabic page is no longer in the matrix (or nobody may open it)"


def check_id(page: Page, language: str) -> str:
    return f"{page.test_id}-{language}"


@dataclass
class Rendered:
    url: str
    status: int
    content_type: str
    html: str | None = None  # only for 200 text/html answers
    error: str | None = None  # the view raised
    messages: list[dict[str, Any]] = field(default_factory=list)


def vnu_jar() -> Path | None:
    configured = os.environ.get("VNU_JAR")
    if configured:
        return Path(configured) if Path(configured).is_file() else None
    return next((path for path in VNU_CANDIDATES if path.is_file()), None)


def _render_all(users: dict[str | None, User | None]) -> dict[str, Rendered]:
    clients: dict[str | None, Client] = {}
    for persona, user in users.items():
        client = Client(raise_request_exception=True)
        if user is not None:
            client.force_login(user)
        clients[persona] = client
    rendered: dict[str, Rendered] = {}
    for page, language in CHECKS:
        with translation.override(language):
            try:
                # A savepoint: a view's database error must not spoil the others.
                with transaction.atomic():
                    url = url_for(page.url_name, users[page.persona])
                    response = clients[page.persona].get(url)
            except Exception as error:  # reported by the page's test
                rendered[check_id(page, language)] = Rendered(
                    url=page.url_name, status=500, content_type="", error=repr(error)
                )
                continue
        result = Rendered(
            url=url,
            status=response.status_code,
            content_type=response.get("Content-Type", ""),
        )
        if response.status_code == 200 and is_html(response):
            result.html = response.content.decode(response.charset or "utf-8")
        rendered[check_id(page, language)] = result
    return rendered


def _run_vnu(jar: Path, rendered: dict[str, Rendered]) -> None:
    with tempfile.TemporaryDirectory(prefix="vnu-") as directory:
        files: dict[str, str] = {}
        for key, result in rendered.items():
            if result.html is None:
                continue
            path = Path(directory) / f"{re.sub(r'[^\w.-]+', '_', key)}.html"
            path.write_text(result.html, encoding="utf-8")
            files[path.resolve().as_uri().removeprefix("file://")] = key
        if not files:
            return
        completed = subprocess.run(
            ["java", "-jar", str(jar), "--errors-only", "--format", "json", *files],
            capture_output=True,
            text=True,
            timeout=VNU_TIMEOUT_S,
            check=False,
        )
    # vnu writes its JSON report to stderr (stdout with --stdout); exit 1 = errors.
    output = completed.stderr.strip() or completed.stdout.strip()
    try:
        report = json.loads(output)
    except json.JSONDecodeError:
        pytest.fail(f"vnu did not answer JSON (exit {completed.returncode}):\n{output}")
    for message in report.get("messages", []):
        location = message.get("url", "").removeprefix("file:")
        page_key = files.get(location)
        if page_key is None:  # a message about the run itself, not a page
            pytest.fail(f"vnu: {message}")
        rendered[page_key].messages.append(message)


@pytest.fixture(scope="module")
def validated(django_db_setup: None, django_db_blocker: Any) -> dict[str, Rendered]:
    """Render every page once, validate them all in one vnu run."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: the Nu Html Checker (vnu.jar) needs it")
    jar = vnu_jar()
    if jar is None:
        pytest.skip(
            "vnu.jar not found: set VNU_JAR, or run "
            "`mkdir -p ~/.cache/vnu && cd ~/.cache/vnu && npm pack vnu-jar "
            "&& tar xf vnu-jar-*.tgz`"
        )
    with django_db_blocker.unblock(), transaction.atomic():
        # Safe even after a transactional test's flush; rolled back below.
        restore_data_from_migrations()
        users = {
            persona: make_persona(persona) for persona in {p.persona for p in PAGES}
        }
        rendered = _render_all(users)
        transaction.set_rollback(True)
    _run_vnu(jar, rendered)
    return rendered


def _describe(result: Rendered, message: dict[str, Any]) -> str:
    line = message.get("lastLine", message.get("firstLine", 0))
    column = message.get("firstColumn", message.get("lastColumn", 0))
    source = ""
    if result.html and line:
        source = result.html.splitlines()[line - 1].strip()
        if len(source) > 200:
            source = source[:200] + "…"
    return (
        f"  line {line}, column {column}: {message.get('message')}\n"
        f"      extract: {message.get('extract', '').strip()!r}\n"
        f"      source line: {source}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "language"),
    [
        pytest.param(page, language, id=check_id(page, language))
        for page, language in CHECKS
    ],
)
def test_page_is_valid_html(
    validated: dict[str, Rendered], page: Page, language: str
) -> None:
    result = validated[check_id(page, language)]
    assert result.error is None, (
        f"{result.url} as {page.persona_label} raised {result.error}"
    )
    assert result.status == 200, (
        f"{result.url} as {page.persona_label} answered {result.status}, "
        "but the access matrix says 200"
    )
    if result.html is None:
        pytest.skip(f"not an HTML page ({result.content_type})")
    if result.messages:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        saved = ARTIFACTS / f"{re.sub(r'[^\w.-]+', '_', check_id(page, language))}.html"
        saved.write_text(result.html, encoding="utf-8")
        details = "\n".join(_describe(result, message) for message in result.messages)
        pytest.fail(
            f"{len(result.messages)} HTML error(s) on {result.url} as "
            f"{page.persona_label} (rendered HTML: {saved}):\n{details}",
            pytrace=False,
        )
