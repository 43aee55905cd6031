"""Tolerant CSV reading: `;` or `,`, UTF-8 with or without BOM, or Windows-1252.

Spreadsheets in French offices save CSV with `;` and in Windows-1252; online tools save UTF-8
with `,`. Every CSV the toolkit reads goes through `read_table`, which reports each row with its
line number so that errors can say `file:line: column: what is wrong`.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import MonrecapError, Problem


@dataclass(frozen=True)
class Row:
    """One data row: its line in the file (1-based) and its cells by normalised column name."""

    line: int
    cells: dict[str, str]

    def get(self, name: str) -> str:
        return self.cells.get(name, "").strip()


@dataclass(frozen=True)
class Table:
    """A CSV file read: the file name to cite, the normalised columns, the rows."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    encoding: str
    delimiter: str


def column_key(header: str) -> str:
    """A header as a lookup key: lower case, no accents, words joined by `_`.

    >>> column_key(" Type de structure ")
    'type_de_structure'
    >>> column_key("Téléphone")
    'telephone'
    """
    text = unicodedata.normalize("NFKD", header.strip().lstrip("\ufeff"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "_".join(text.replace("-", " ").split())


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → text and the encoding used: UTF-8 (BOM dropped), else Windows-1252.

    >>> decode("é;à".encode("cp1252"))
    ('é;à', 'cp1252')
    >>> decode(b"\\xef\\xbb\\xbfdate")
    ('date', 'utf-8-sig')
    """
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf")
                                           else "utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(header_line: str) -> str:
    """`;` when the header has more of them than commas (French spreadsheets), else `,`.

    >>> sniff_delimiter("date;canal;texte")
    ';'
    >>> sniff_delimiter("date,channel,text")
    ','
    """
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_table(path: Path, name: str | None = None) -> Table:
    """Read ``path`` as CSV with a header row. Raises MonrecapError if it cannot be read or has
    no header."""
    name = name or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MonrecapError([Problem(name, "", f"cannot read the file: {exc.strerror}")]) from None
    text, encoding = decode(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise MonrecapError([Problem(f"{name}:1", "", "no header row (expected column names)")])
    delimiter = sniff_delimiter(lines[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [column_key(h) for h in next(reader)]
        rows = []
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            rows.append(Row(line, dict(zip(header, cells))))
    except csv.Error as exc:
        raise MonrecapError([Problem(f"{name}:{reader.line_num}", "", f"bad CSV: {exc}")]) from None
    return Table(name, tuple(header), tuple(rows), encoding, delimiter)
