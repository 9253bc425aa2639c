"""Every CSV download, through HTTP, with formulas typed into the fields users
control: no cell may start a formula in a spreadsheet (CSV injection)."""

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from core.exports import FORMULA_TRIGGERS, csv_cell
from tests.accounts.factories import UserFactory
from tests.tools_catalog.factories import ProviderFactory, ToolFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# Every package of the project (not the tests): a new app is scanned too.
APPS = tuple(
    sorted(
        d.name
        for d in ROOT.iterdir()
        if (d / "__init__.py").exists() and d.name != "tests"
    )
)

# One value per trigger OWASP lists, plus a full-width "=" and a blank before "=".
FORMULAS = [
    '=HYPERLINK("https://evil.example","Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",
    " =1+1",
]


def _cells(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), strict=True))
    return [cell for row in rows for cell in row]


def _assert_neutralised(cells: list[str], typed: list[str]) -> None:
    for cell in cells:
        assert cell[:1] not in FORMULA_TRIGGERS, cell
        assert cell.lstrip(" \u00a0")[:1] not in FORMULA_TRIGGERS, cell
    for value in typed:
        assert f"'{value}" in cells, value


def _compare(client: Client, formula: str) -> list[str]:
    provider = ProviderFactory(name=formula)
    a = ToolFactory(name=formula, provider=provider, cost_notes=formula)
    b = ToolFactory(name="Plain", deployment_notes=formula, summary=formula)
    url = reverse("tools_catalog:tool-compare") + f"?tools={a.slug},{b.slug}"
    return _cells(client.get(f"{url}&format=csv"))


def _shortlist(client: Client, formula: str) -> list[str]:
    tool = ToolFactory(name=formula, provider=ProviderFactory(name=formula))
    client.post(
        reverse("tools_catalog:tool-shortlist", args=[tool.slug]),
        {"new_name": formula, "note": formula},
    )
    user = client.session["_auth_user_id"]
    from tools_catalog.models import Shortlist

    shortlist = Shortlist.objects.get(owner_id=user)
    url = reverse("tools_catalog:shortlist-detail", args=[shortlist.pk])
    return _cells(client.get(f"{url}?format=csv"))


# Every export the Hub offers: (name, persona, download with the formula typed in).
EXPORTS: dict[str, tuple[Role, Callable[[Client, str], list[str]]]] = {
    "tools_catalog:tool-compare": (Role.MEMBER, _compare),
    "tools_catalog:shortlist-detail": (Role.MEMBER, _shortlist),
}


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_every_export_neutralises_formulas(client: Client, export: str, formula):
    role, download = EXPORTS[export]
    client.force_login(UserFactory(role=role))
    cells = download(client, formula)
    _assert_neutralised(cells, [formula])


def test_plain_values_are_left_alone():
    assert csv_cell("Finder") == "Finder"
    assert csv_cell("") == ""
    assert csv_cell(None) == ""
    assert csv_cell(3) == "3"
    assert csv_cell("a=b") == "a=b"
    assert csv_cell("=1") == "'=1"


def _python_files() -> list[Path]:
    return [p for app in APPS for p in (ROOT / app).rglob("*.py")]


def test_no_csv_writer_outside_the_helper():
    """Exports go through core.exports (csv_response / CsvWriter), nothing else."""
    offenders = []
    for path in _python_files():
        if path == ROOT / "core" / "exports.py":
            continue
        text = path.read_text()
        if re.search(r"csv\.(writer|DictWriter)\b", text) or re.search(
            r"from csv import[^\n]*\b(writer|DictWriter)\b", text
        ):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_every_export_is_in_this_tests_list():
    """A new call of csv_response must join EXPORTS above."""
    calls = sum(
        path.read_text().count("csv_response(")
        for path in _python_files()
        if path != ROOT / "core" / "exports.py"
    )
    assert calls == len(EXPORTS)
    assert all(
        name.split(":")[0] in APPS for name in EXPORTS
    )  # every name is a URL of an app scanned above
