"""Which pages the whole-site checks open, and as whom.

Every GET URL of the authorization matrix (tests/test_access.py, with each app's
rows merged in) that answers 200 to at least one persona is a page; it is opened
as the first persona in ``PERSONA_PREFERENCE`` that the matrix lets in. New URLs
with a matrix row are covered without touching these modules.
"""

from dataclasses import dataclass
from http import HTTPStatus
from typing import Protocol

from accounts.roles import Role
from tests.conftest import APPLICANT, PERSONAS
from tests.test_access import MATRIX

# Members first (the people the portal is for), then each staff role, providers,
# applicants, and visitors who are not signed in.
PERSONA_PREFERENCE: tuple[str | None, ...] = (
    Role.MEMBER,
    Role.VERIFIER,
    Role.CATALOGUE_EDITOR,
    Role.MODERATOR,
    Role.ADMIN,
    Role.PROVIDER,
    APPLICANT,
    None,
)
assert set(PERSONA_PREFERENCE) == set(PERSONAS), "a persona is missing here"


@dataclass(frozen=True)
class Page:
    url_name: str
    persona: str | None

    @property
    def app(self) -> str:
        return self.url_name.split(":", 1)[0] if ":" in self.url_name else "site"

    @property
    def persona_label(self) -> str:
        return str(self.persona or "anonymous")

    @property
    def test_id(self) -> str:
        return f"{self.url_name}-{self.persona_label}"


def pages() -> list[Page]:
    """Every page of the matrix that someone may open, in the matrix's order, each
    with the preferred persona that gets 200 for it."""
    found = []
    for url_name, statuses in MATRIX.items():
        row = dict(zip(PERSONAS, statuses, strict=True))
        allowed = [p for p in PERSONA_PREFERENCE if row[p] == HTTPStatus.OK]
        if allowed:
            found.append(Page(url_name, allowed[0]))
    return found


class _Headers(Protocol):
    def get(self, key: str, default: str) -> str: ...


def is_html(response: _Headers) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() == "text/html"


def is_attachment(response: _Headers) -> bool:
    return response.get("Content-Disposition", "").startswith("attachment")
