"""Column widths that fit the terminal, decided before Rich draws anything.

Rich shrinks a table that is too wide by squeezing its wrappable columns, down to
nothing: a title five characters wide, a column of width zero. rcm decides the
widths itself instead: each column has a natural width (its widest line) and a
floor (a time never shrinks; text wraps on words, never narrower than its longest
word or a chosen minimum; codes fold). :func:`fit` shrinks the widest columns
first and says when even the floors do not fit, so a command can try a more
compact layout (fewer columns, start times only) and say what it left out.

Measuring uses Rich's cell widths, imported inside the functions that measure. The
views share the rest of their plumbing here too: the Rich console, plain text, a
filled table, Markdown tables and safe CSV (machine formats import no Rich).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any, Optional, Sequence

GAP = 2  # columns between two table columns: one padding, one (blank) divider
DEFAULT_WIDTH = 80  # output that is not a terminal, without a usable COLUMNS


def terminal_width() -> int:
    """The width to draw for: COLUMNS if it is a positive number, else the terminal's
    size, else 80 (a file, a pipe, less: never the 160–200 columns of a guess)."""
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        if sys.stdout.isatty():
            columns = os.get_terminal_size(sys.stdout.fileno()).columns
            if columns > 0:
                return columns
    except (OSError, ValueError, AttributeError):
        pass
    return DEFAULT_WIDTH


def cells(text: str) -> int:
    """Terminal cells of the widest line of ``text``."""
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


def longest_word(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(w) for w in text.split()), default=0)


class Col:
    """One column to lay out.

    ``shrink``: ``none`` (times, codes that must stay on one line), ``words`` (wraps
    between words; floor: the longest word, and ``floor`` if larger), ``fold``
    (a code that may break anywhere; floor: ``floor``).
    """

    def __init__(
        self,
        key: str,
        header: str,
        cells: Optional[list[str]] = None,
        shrink: str = "none",
        floor: int = 1,
        justify: str = "left",
        style: Optional[str] = None,
        give: int = 0,
        measure: Optional[list[str]] = None,
    ) -> None:
        self.key = key
        self.header = header
        self.cells = [] if cells is None else cells
        self.shrink = shrink
        self.floor = floor
        self.justify = justify
        self.style = style
        self.give = give  # which columns give way first: higher shrinks before lower
        self.measure = [] if measure is None else measure  # more texts to size by, not shown (other days' titles)

    def natural(self) -> int:
        return max([cells(self.header), *(cells(c) for c in [*self.cells, *self.measure]), 1])

    def minimum(self) -> int:
        natural = self.natural()
        texts = [*self.cells, *self.measure]
        if self.shrink == "none":  # the cells never wrap; the header may, between words
            return max([longest_word(self.header), *(cells(c) for c in texts), 1])
        if self.shrink == "fold":
            return min(natural, max(self.floor, 1))
        words = max([longest_word(c) for c in texts] + [longest_word(self.header)])
        return min(natural, max(words, self.floor))

    def cell(self, i: int, width: int) -> str:
        """Row ``i``'s text for a column ``width`` wide: codes broken after '/' or '-'."""
        text = self.cells[i]
        return fold(text, width) if self.shrink == "fold" else text


def fit(cols: Sequence[Col], width: int, gap: int = GAP) -> Optional[list[int]]:
    """Widths for ``cols`` within ``width`` cells, or None if their floors do not fit.

    Columns start at their natural width; while the total is too wide, a column
    that can still shrink loses one cell: the one that gives way first (``give``),
    and among those the widest (so long titles give way before short names do).
    """
    widths = [c.natural() for c in cols]
    floors = [c.minimum() for c in cols]
    room = width - gap * (len(cols) - 1)
    excess = sum(widths) - room
    if excess <= 0:
        return widths
    if sum(floors) > room:
        return None
    while excess > 0:
        i = max((j for j in range(len(cols)) if widths[j] > floors[j]), key=lambda j: (cols[j].give, widths[j]))
        widths[i] -= 1
        excess -= 1
    return widths


def table(cols: Sequence[Col], widths: Sequence[int], show_header: bool = True, **kw: Any):
    """A Rich table with exactly these column widths: no outer edge, a rule under the header."""
    from rich import box
    from rich.table import Table

    t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), show_header=show_header, header_style="bold", **kw)
    for c, w in zip(cols, widths):
        no_wrap = c.shrink == "none"
        overflow = "fold" if c.shrink in ("fold", "words") else "ellipsis"
        t.add_column(wrap_header(c.header, w), width=w, min_width=w, max_width=w, no_wrap=no_wrap, overflow=overflow, justify=c.justify, style=c.style)  # type: ignore[arg-type]
    return t


def fold(text: str, width: int) -> str:
    """A code broken into lines of ``width``: after the last '/' that fits
    ('America/' + 'Mexico_City'), else the last '-' or '_', else anywhere."""
    if width <= 0 or cells(text) <= width:
        return text
    lines = []
    while len(text) > width:
        cut = text.rfind("/", 0, width) + 1 or max(text.rfind(sep, 0, width) for sep in "-_") + 1 or width
        lines.append(text[:cut])
        text = text[cut:]
    return "\n".join([*lines, text])


def wrap_header(header: str, width: int) -> str:
    """A header's lines wrapped between words to ``width`` (a column of times is
    narrower than 'Buenos Aires'; the header wraps, the times do not)."""
    if all(len(line) <= width and line.isprintable() and line == line.strip() for line in header.split("\n")):
        return header  # every line fits as it is (textwrap would return it unchanged)
    import textwrap

    lines: list[str] = []
    for line in header.split("\n"):
        lines += textwrap.wrap(line, max(width, 1), break_on_hyphens=False) or [""]
    return "\n".join(lines)


# --- shared by the views ---------------------------------------------------------


def console(stderr: bool = False, no_color: bool = False, width: int | None = None):
    from rich.console import Console

    return Console(stderr=stderr, no_color=no_color or None, highlight=False, emoji=False, soft_wrap=False, width=width)


def plain(text: str, style: str | None = None):
    """Plain text for Rich: never read as markup ('[draft]' in a title stays)."""
    from rich.text import Text

    return Text(text, style=style or "")


def filled(cols: list[Col], width: int):
    """A table of ``cols`` laid out for ``width`` (at their floors if even those do not fit)."""
    widths = fit(cols, width) or [c.minimum() for c in cols]
    t = table(cols, widths)
    for i in range(len(cols[0].cells)):
        t.add_row(*[plain(c.cell(i, w)) for c, w in zip(cols, widths)])
    return t


def md_escape(text: str) -> str:
    """Text for a Markdown line or table cell: markup characters escaped, on one line."""
    for ch in "\\*_`|[]<>":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")


def md_table(head: Sequence[str], body: Sequence[Sequence[str]]) -> list[str]:
    """The lines of a Markdown table."""
    lines = ["| " + " | ".join(md_escape(h) for h in head) + " |", "|" + "---|" * len(head)]
    return lines + ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in body]


def csv_text(head: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Machine output: CSV whose cells cannot start a spreadsheet formula."""
    from rcmcli.core import csvsafe

    return csvsafe.csv_text(head, rows)
