"""CSV downloads: the one writer every export uses.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
run as a formula by Excel, LibreOffice Calc and Google Sheets ("CSV injection"):
a tool name or a note typed as ``=HYPERLINK("https://evil.example", "Open")``
becomes a live link, or worse, in the spreadsheet of whoever downloads it. Every
cell goes through ``csv_cell``, which prefixes such a value with a single quote
(OWASP's advice), so the spreadsheet shows it as text.

Use ``csv_response(filename=..., header=[...], rows=[...])`` in a view; never call
``csv.writer`` yourself (``tests/hub/test_csv_exports.py`` fails if you do, and
drives every export with hostile values: add a new export there).
"""

import csv
import re
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

# What a spreadsheet treats as the start of a formula, and the full-width forms
# some of them also accept.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Leading blanks do not stop every spreadsheet from reading a formula.
_BLANKS = " \u00a0\u3000\n"


def csv_cell(value: Any) -> str:
    """``value`` as a CSV cell that a spreadsheet shows as text, never runs."""
    text = "" if value is None else str(value)
    stripped = text.lstrip(_BLANKS)
    if text[:1] in FORMULA_TRIGGERS or stripped[:1] in FORMULA_TRIGGERS:
        return f"'{text}"
    return text


class CsvWriter:
    """``csv.writer`` whose every cell goes through ``csv_cell``."""

    def __init__(self, stream: Any) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_response(
    *, filename: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]
) -> HttpResponse:
    """A CSV download: ``header`` then ``rows``, every cell neutralised."""
    safe_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename) or "export.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    writer = CsvWriter(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
