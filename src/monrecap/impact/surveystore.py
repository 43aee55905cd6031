"""The survey store, `surveys/answers.csv`: one answer a line, `;` separated, meant for git.

An import validates the whole export first, then, holding the store's lock, reads the store
again, leaves out the answers it already holds (a form exports its whole history each time)
and appends the new ones in one atomic write: the existing lines are kept byte for byte, so
`git diff` shows added lines only. No adviser's name, e-mail or number is ever written: the
columns are fixed, comments are redacted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from monrecap.errors import MonrecapError, Problem
from monrecap.files import write_atomic
from monrecap.impact.survey import (
    COUNTS,
    Answer,
    _Checker,
    read_survey,
    release_dates,
    structure_key,
    with_id,
)

STORE = "surveys/answers.csv"
HEADER = ("id", "date", "structure", "structure_cle", "territoire", "version", "lot", *COUNTS,
          "minutes", "commentaire", "empreinte")
ID = re.compile(r"^sv-(\d{4})-(\d{4,})$")


@dataclass(frozen=True)
class Stored:
    """An answer of the store and the fingerprint it was imported with."""

    answer: Answer
    hash: str


@dataclass
class ImportResult:
    """What an import did."""

    file: str = ""
    how: str = ""                      # « UTF-8, ';' separated »
    read: int = 0
    new: int = 0
    duplicates: int = 0
    ignored: list[str] = field(default_factory=list)
    redactions: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    written: str | None = None


def read_store(root: Path) -> list[Stored]:
    """Every stored answer, in file order; [] without a store. A line edited by hand into
    something unreadable is an error at its line, like any input."""
    from monrecap.content.inherit import version_ids
    from monrecap.tabular import read_table

    path = root / STORE
    if not path.is_file():
        return []
    table = read_table(path, {c: () for c in HEADER}, HEADER, STORE)
    checker = _Checker(STORE, version_ids(root), None)
    checker.problems += table.problems
    out = []
    for row in table.rows:
        answer, _ = checker.answer(row, None, redact=False)
        ident = row.get("id")
        if not ID.match(ident):
            checker.problems.append(Problem(f"{STORE}:{row.line}", "id",
                                            f"« {ident} » is not a stored answer id "
                                            "(sv-2026-0001)"))
        if answer is not None:
            # merged by hand: kept, as the toolkit writes keys (« FT X » and « Agence
            # France Travail de X » became one after older imports)
            key = structure_key(row.get("structure_cle")) or answer.key
            out.append(Stored(Answer(**{**answer.__dict__, "key": key, "id": ident}),
                              row.get("empreinte") or answer.hash))
    if checker.problems:
        raise MonrecapError(checker.problems)
    return out


def answers(root: Path) -> list[Answer]:
    """The stored answers."""
    return [s.answer for s in read_store(root)]


def _line(answer: Answer, digest: str) -> list[str]:
    def text(value) -> str:
        return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    return [answer.id, answer.date.isoformat(), answer.structure, answer.key, answer.territory,
            answer.version, answer.lot, *(text(getattr(answer, c)) for c in COUNTS),
            text(answer.minutes), answer.comment, digest]


def _rows(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def lock_file(root: Path) -> Path:
    """The store's lock, `.locks/impact.lock` (ignored by git), not beside the data."""
    from monrecap.locking import lock_path

    return lock_path(root, "impact")


def _figures(old: Answer, new: Answer) -> str:
    """« remis 20 → 21 »: what differs between two answers."""
    out = []
    for column in (*COUNTS, "minutes", "comment"):
        a, b = getattr(old, column), getattr(new, column)
        if a != b:
            said = (lambda v: "vide" if v in (None, "") else f"{v:g}" if isinstance(v, float)
                    else f"« {v} »" if column == "comment" else str(v))
            out.append(f"{'commentaire' if column == 'comment' else column} {said(a)} → "
                       f"{said(b)}")
    return ", ".join(out) or "the same figures"


def _correction(same: dict[tuple, Answer], answer: Answer, where: str) -> str | None:
    """A warning when the store holds an answer of the same structure, date and version with
    other figures: a corrected answer is imported as a new one, and would count twice."""
    old = same.get((answer.date, answer.key, answer.version))
    if old is None:
        return None
    return (f"{where}: {STORE}:{old.line} ({old.id}) holds the same structure, date and "
            f"version with other figures ({_figures(old, answer)}); both are kept and both "
            f"count: if this answer corrects it, delete line {old.line} of {STORE}")


def import_survey(root: Path, path: Path, name: str | None = None,
                  timeout: float = 10.0, today: dt.date | None = None) -> ImportResult:
    """`monrecap impact import`: validate every row, then append the new answers to the
    store under its lock. MonrecapError (nothing written) on any bad row."""
    from monrecap.content.inherit import version_ids
    from monrecap.locking import exclusive
    from monrecap.production.ledger import lot_versions
    survey = read_survey(path, version_ids(root), lot_versions(root), name, release_dates(root),
                         today or dt.date.today())
    result = ImportResult(survey.file, f"{survey.encoding}, '{survey.delimiter}' separated",
                          len(survey.answers),
                          ignored=survey.ignored, redactions=survey.redactions,
                          warnings=survey.warnings)
    with exclusive(lock_file(root), "monrecap impact import", timeout=timeout):
        stored = read_store(root)  # again, under the lock: another import may have run
        seen = {s.hash for s in stored}
        same = {(s.answer.date, s.answer.key, s.answer.version): s.answer for s in stored}
        numbers: dict[int, int] = {}
        for s in stored:
            year, number = (int(g) for g in ID.match(s.answer.id).groups())
            numbers[year] = max(numbers.get(year, 0), number)
        new_rows = []
        for answer in survey.answers:
            digest = answer.hash
            if digest in seen:
                result.duplicates += 1
                continue
            seen.add(digest)
            warning = _correction(same, answer, f"{survey.file}:{answer.line}")
            if warning:
                result.warnings.append(warning)
            year = answer.date.year
            numbers[year] = numbers.get(year, 0) + 1
            ident = f"sv-{year}-{numbers[year]:04d}"
            new_rows.append(_line(with_id(answer, ident), digest))
            result.ids.append(ident)
        result.new = len(new_rows)
        if new_rows:
            target = root / STORE
            old = target.read_text(encoding="utf-8") if target.is_file() else _rows([HEADER])
            if old and not old.endswith("\n"):
                old += "\n"
            try:
                write_atomic(target, (old + _rows(new_rows)).encode("utf-8"))
            except OSError as exc:
                raise MonrecapError(f"{STORE}: cannot write: {exc.strerror}") from None
            result.written = STORE
    return result
