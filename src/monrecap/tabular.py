"""Spreadsheet exports as they really come: `;` or `,`, UTF-8 with or without BOM, or
Windows-1252 — detected, said, and read into rows that know their line numbers.

Shared by every importer of CSV files (orders, feedback notes); it knows nothing of what the columns
mean: the caller gives the column names it accepts (in English and French) and gets every
problem at once.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import MonrecapError, Problem


@dataclass(frozen=True)
class Row:
    """One data row: its line in the file (1-based, the header is line 1) and its cells by
    canonical column name."""

    line: int
    cells: dict[str, str]

    def get(self, name: str) -> str:
        return self.cells.get(name, "")


@dataclass(frozen=True)
class Table:
    """A decoded CSV file, with how it was read."""

    name: str                # the file name used in messages
    encoding: str            # "UTF-8", "UTF-8 with BOM" or "Windows-1252"
    delimiter: str           # ";" or ","
    columns: tuple[str, ...]  # canonical names, in file order
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...] = ()  # rows left out: the wrong number of fields


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (BOM or not), else Windows-1252.

    >>> decode("é".encode("utf-8"))
    ('é', 'UTF-8')
    >>> decode("é".encode("cp1252"))
    ('é', 'Windows-1252')
    >>> decode(b"\\xef\\xbb\\xbfa")
    ('a', 'UTF-8 with BOM')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; never fail on them.
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def sniff_delimiter(header: str) -> str:
    """`;` (French spreadsheets) or `,`, whichever the header line uses more.

    >>> sniff_delimiter("id;date;ville")
    ';'
    >>> sniff_delimiter("id,date")
    ','
    """
    return ";" if header.count(";") >= header.count(",") and ";" in header else ","


def normalise(name: str) -> str:
    """A column name without case, accents, or spacing differences.

    >>> normalise(" Quantité ")
    'quantite'
    >>> normalise("Code postal")
    'code_postal'
    """
    text = unicodedata.normalize("NFKD", name.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def read_table(path: Path, aliases: dict[str, tuple[str, ...]] | None = None,
               required: tuple[str, ...] = (), name: str | None = None) -> Table:
    """Read ``path`` into a Table whose cells are keyed by canonical column name.

    ``aliases`` maps each canonical name to the headers accepted for it (compared after
    :func:`normalise`); unknown columns are kept under their normalised header. MonrecapError
    lists every problem of the file's shape: an empty file, a missing or repeated column. A
    row with the wrong number of fields is left out and reported in ``Table.problems``, so
    that the caller lists it with its own problems, in line order.
    """
    name = name or path.name
    aliases = aliases or {}
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MonrecapError([Problem(name, "", f"cannot read: {exc.strerror}")]) from None
    text, encoding = decode(data)
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise MonrecapError([Problem(name, "", "the file is empty: no header, no rows")])
    delimiter = sniff_delimiter(lines[first])
    lookup = {normalise(alias): canon for canon, names in aliases.items()
              for alias in (canon, *names)}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[Problem] = []
    bad_rows: list[Problem] = []
    header: list[str] | None = None
    rows: list[Row] = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if header is None:
            header = [lookup.get(normalise(cell), normalise(cell)) for cell in record]
            for i, canon in enumerate(header):
                if canon in header[:i]:
                    problems.append(Problem(f"{name}:{line}", canon,
                                            "this column appears twice"))
            for canon in required:
                if canon not in header:
                    problems.append(Problem(f"{name}:{line}", canon, "missing column "
                                            f"(accepted names: {', '.join(aliases[canon])})"))
            continue
        if len(record) != len(header):
            bad_rows.append(Problem(f"{name}:{line}", "", f"{len(record)} fields, the header "
                                    f"has {len(header)} (separator '{delimiter}')"))
            continue
        rows.append(Row(line, {h: cell.strip() for h, cell in zip(header, record)}))
    if header is not None and not rows and not problems and not bad_rows:
        problems.append(Problem(name, "", "no rows under the header"))
    if problems:
        raise MonrecapError(problems)
    return Table(name, encoding, delimiter, tuple(header or ()), tuple(rows), tuple(bad_rows))
