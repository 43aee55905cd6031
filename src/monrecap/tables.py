"""Tables for people and for pipes: a Rich table on a terminal, one row a line when piped."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a hint only: piped rows need no Rich
    from rich.console import Console


def print_rows(console: Console, headers: list[str], rows: list[list[str]],
               title: str | None = None) -> None:
    """A table on a terminal; piped or in CI, one row a line, columns padded to their widest
    value (the last one left as long as it is), no box drawing, nothing cut."""
    if console.is_terminal:
        from rich.table import Table

        table = Table(*headers, title=title)
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    from rich.text import Text

    if title:
        console.print(Text(title))
    widths = [max(len(_plain(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        cells = [_plain(c).ljust(w) for c, w in zip(row[:-1], widths)] + [_plain(row[-1])]
        console.print(Text("  ".join(cells).rstrip()))


def print_plain(headers: list[str], rows: list[list[str]], stream=None) -> None:
    """What ``print_rows`` prints when piped, for cells without markup, written without
    loading Rich: one row a line, columns padded to their widest value (the last one left
    as long as it is).

    >>> print_plain(["version", "pages"], [["v1", "12"], ["v10", "32"]], sys.stdout)
    version  pages
    v1       12
    v10      32
    """
    stream = stream or sys.stdout
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths)] + [row[-1]]
        stream.write("  ".join(cells).rstrip() + "\n")


def _plain(cell: str) -> str:
    """A cell's text without its Rich markup."""
    from rich.text import Text

    return Text.from_markup(cell).plain
