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

from monrecap.errors import MonrecapError, Problem
from monrecap.plural import count, plural


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
    headers: tuple[tuple[str, str], ...] = ()  # canonical name → the header as written

    def header(self, canonical: str) -> str:
        """The column as the file names it (« adresse » for ``address``), for messages."""
        return dict(self.headers).get(canonical, canonical)


BOM = b"\xef\xbb\xbf"
#: A valid UTF-8 sequence of a character French text uses (accented letters, « », ’, …, –, €,
#: no-break spaces): evidence that a file is UTF-8. Windows-1252 text makes one only by a
#: rare accident (« Ã© » is itself the mark of a file decoded wrongly once already).
_UTF8_FRENCH = re.compile(rb"[\xc2-\xc5][\x80-\xbf]|\xe2\x80[\x90-\xaf]|\xe2\x82\xac")
MAX_REPORTED = 20
#: What ends the word quoted as evidence: spaces, line ends, CSV separators and quotes.
_WORD_ENDS = (b" ", b"\t", b"\n", b"\r", b";", b",", b'"')


def decode(data: bytes, name: str = "<data>") -> tuple[str, str]:
    """The text and the name of its encoding, decided strictly: a BOM means UTF-8 and
    nothing else; else UTF-8 when every byte is; else Windows-1252 when every byte is *and*
    nothing in the file reads as UTF-8. Anything else — a UTF-8 file with a stray
    Windows-1252 byte, bytes neither encoding defines — is a MonrecapError at each
    ``file:line:col`` with the byte: a guess would put « TÃ©moin » on a label.

    >>> decode("é".encode("utf-8"))
    ('é', 'UTF-8')
    >>> decode("é".encode("cp1252"))
    ('é', 'Windows-1252')
    >>> decode(b"\\xef\\xbb\\xbfa")
    ('a', 'UTF-8 with BOM')
    >>> decode("Témoin\\nT".encode() + b"\\xe9moin", "a.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    monrecap.errors.MonrecapError: a.csv:2:2: byte 0xE9 is not UTF-8, unlike the rest of ...
    """
    if data.startswith(BOM):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError:
            raise MonrecapError(_bad_bytes(data, 3, name, "utf-8", "is not UTF-8, and the "
                                           "file starts with a UTF-8 byte-order mark: save it "
                                           "again as UTF-8")) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    evidence = _UTF8_FRENCH.search(data)
    if evidence is None:
        try:
            return data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            raise MonrecapError(_bad_bytes(data, 0, name, "cp1252", "is neither UTF-8 nor "
                                           "Windows-1252")) from None
    line = data.count(b"\n", 0, evidence.start()) + 1
    # The word around the evidence, never past its line or its field: one line per error.
    start = max(data.rfind(c, 0, evidence.start()) for c in _WORD_ENDS) + 1
    stop = min((i for c in _WORD_ENDS if (i := data.find(c, evidence.end())) >= 0),
               default=len(data))
    word = _one_line(data[start:stop].decode("utf-8", errors="replace"))
    raise MonrecapError(_bad_bytes(data, 0, name, "utf-8", "is not UTF-8, unlike the rest "
                                   f"of the file (« {word} » on line {line}): the file mixes "
                                   "two encodings; save it again as UTF-8"))


def _bad_bytes(data: bytes, offset: int, name: str, encoding: str, what: str
               ) -> list[Problem]:
    """One problem per line holding a byte ``encoding`` does not decode: its line, column
    (in characters) and value, with the text around it."""
    text = data[offset:].decode(encoding, errors="surrogateescape")
    problems: list[Problem] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        bad = next((i for i, c in enumerate(line) if "\udc80" <= c <= "\udcff"), None)
        if bad is None:
            continue
        if len(problems) == MAX_REPORTED:
            rest = sum(1 for later in lines[number - 1:]
                       if any("\udc80" <= c <= "\udcff" for c in later))
            problems.append(Problem(name, "", f"and {rest} more "
                                              f"{plural(rest, 'line', lang='en')} like these"))
            break
        lo = line.rfind(" ", 0, max(0, bad - 16)) + 1 if bad > 16 else 0  # whole words
        hi = line.find(" ", bad + 16)
        shown = _one_line("".join(f"<0x{ord(c) - 0xDC00:02X}>" if "\udc80" <= c <= "\udcff"
                                  else c for c in line[lo:hi if hi >= 0 else len(line)]))
        problems.append(Problem(f"{name}:{number}:{bad + 1}", "", f"byte 0x"
                                f"{ord(line[bad]) - 0xDC00:02X} {what} (« {shown} »)"))
    return problems


def _one_line(text: str) -> str:
    """``text`` with every line break (``\\r``, form feed, U+2028…) a space: a quoted excerpt
    never breaks the one-line format of an error."""
    return " ".join(text.splitlines()).strip()


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
    name = name or str(path)  # as the user typed it
    aliases = aliases or {}
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MonrecapError([Problem(name, "", f"cannot read: {exc.strerror}")]) from None
    text, encoding = decode(data, name)
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
    written: tuple[tuple[str, str], ...] = ()
    rows: list[Row] = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if header is None:
            header = [lookup.get(normalise(cell), normalise(cell)) for cell in record]
            written = tuple((canon, cell.strip() or canon) for canon, cell in zip(header, record))
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
            bad_rows.append(Problem(f"{name}:{line}", "", f"{count(len(record), 'field', lang='en')}, "
                                    f"the header has {len(header)} (separator '{delimiter}')"))
            continue
        rows.append(Row(line, {h: cell.strip() for h, cell in zip(header, record)}))
    if header is not None and not rows and not problems and not bad_rows:
        problems.append(Problem(name, "", "no rows under the header"))
    if problems:
        raise MonrecapError(problems)
    return Table(name, encoding, delimiter, tuple(header or ()), tuple(rows), tuple(bad_rows),
                 written)
