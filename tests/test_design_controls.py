"""No page shows an unstyled control or Django's ``---------`` placeholder.

Every GET page of the authorization matrix (tests/tools/pages.py: each page as
the preferred persona the matrix lets in, and again as an administrator where
one may open it, so the staff-only controls are seen too) is rendered with the
test client; each ``<button>``, ``<input type=submit|button|reset>`` must carry
the design system's ``btn`` class, each ``<select>`` the ``select`` class, no
control a ``style`` attribute, and no page the text ``---------``.
"""

from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.db import transaction
from django.test import Client

from accounts.roles import Role
from tests.conftest import PERSONAS, make_persona, restore_data_from_migrations
from tests.test_access import MATRIX, url_for
from tests.tools.pages import Page, is_html, pages

# The Django admin has its own look; the matrix only covers its entrance.
EXEMPT_PREFIXES = ("admin:",)
VOID = frozenset(
    [
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
    ]
)


def _pages() -> list[Page]:
    found = [p for p in pages() if not p.url_name.startswith(EXEMPT_PREFIXES)]
    admin_column = PERSONAS.index(Role.ADMIN)
    for page in list(found):
        if page.persona != Role.ADMIN and (
            MATRIX[page.url_name][admin_column] == HTTPStatus.OK
        ):
            found.append(Page(page.url_name, Role.ADMIN))
    return found


PAGES = _pages()


class ControlScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # (tag, inside an exempt container)
        self.problems: list[str] = []

    def _exempt(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        described = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)}>"
        control = tag in {"button", "select"} or (
            tag == "input" and attributes.get("type") in {"submit", "button", "reset"}
        )
        if control and not self._exempt():
            wanted = "select" if tag == "select" else "btn"
            if wanted not in classes:
                self.problems.append(f"no .{wanted}: {described}")
            if "style" in attributes:
                self.problems.append(f"styled by hand: {described}")
        if tag not in VOID:
            self.stack.append((tag, self._exempt()))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return


def problems_in(html: str) -> list[str]:
    scanner = ControlScanner()
    scanner.feed(html)
    found = scanner.problems
    if "---------" in html:
        found.append("Django's --------- placeholder")
    return found


def test_the_scanner_finds_unstyled_controls():
    html = (
        '<button>a</button><button class="btn">b</button>'
        '<select name="x"></select><select class="select"></select>'
        '<input type="submit" value="c"><input type="text">'
        '<button class="btn" style="color: red">d</button>'
        '<div class="catalogue"><button>e</button></div><button>f</button>'
        "<option>---------</option>"
    )
    assert len(problems_in(html)) == 7


@pytest.fixture(scope="module")
def rendered(django_db_setup: None, django_db_blocker) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        restore_data_from_migrations()
        personas = {p.persona for p in PAGES}
        users = {persona: make_persona(persona) for persona in personas}
        clients = {}
        for persona, user in users.items():
            clients[persona] = Client()
            if user is not None:
                clients[persona].force_login(user)
        for page in PAGES:
            with transaction.atomic():
                response = clients[page.persona].get(
                    url_for(page.url_name, users[page.persona])
                )
            html = ""
            if response.status_code == 200 and is_html(response):
                html = response.content.decode(response.charset or "utf-8")
            out[page.test_id] = (response.status_code, html)
        transaction.set_rollback(True)
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("page", [pytest.param(p, id=p.test_id) for p in PAGES])
def test_every_control_uses_the_design_system(rendered, page: Page):
    status, html = rendered[page.test_id]
    assert status == 200, f"{page.test_id} answered {status}"
    problems = problems_in(html)
    assert not problems, f"{page.test_id}:\n  " + "\n  ".join(problems)
