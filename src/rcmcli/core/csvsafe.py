"""CSV text that a spreadsheet opens as data, never as formulas: the one CSV writer.

Titles, names and speakers come from agenda files anyone can edit; a cell such as
``=HYPERLINK(...)`` or ``@SUM(...)`` would run as a formula when a secretariat opens
the export in Excel or LibreOffice (CSV injection). Following OWASP, a cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
``'``, which spreadsheets hide and treat as "this is text". Plain numbers (``-1``,
``+3``, ``-0.5``) are left alone: they are data, and a formula cannot hide in one.

Every command that writes CSV goes through :func:`csv_text`.
"""

from __future__ import annotations

import csv
import io
import re

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any, Iterable, Sequence

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def safe_cell(value: Any) -> str:
    """The cell's text, with a leading ``'`` if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(TRIGGERS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV document (``\\n`` line ends), every cell through :func:`safe_cell`."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return buf.getvalue()
