"""Tables for people and for pipes: a Rich table on a terminal, one row a line when piped."""

from __future__ import annotations

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


def _plain(cell: str) -> str:
    """A cell's text without its Rich markup."""
    from rich.text import Text

    return Text.from_markup(cell).plain
