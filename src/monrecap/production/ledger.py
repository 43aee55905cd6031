"""The ledger: `runs/<week>.yaml` at the repository's root, one file per committed production
week (lots, jobs, order ids and quantities, checksums of what was sent) — meant for git.

This module is its one reader: `lot`, `orders history`, the plan (lot numbers, orders already
produced) and the feedback's attribution of a lot code to its version all read it through
:func:`read_ledger`, :func:`lot_versions` and :func:`lot_codes`. A file that does not read is
an error at its line, for every one of them alike.

It holds no personal data: structures are organisations; contacts and addresses stay in the
order export and on the labels and delivery notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from monrecap.errors import MonrecapError, Problem, UsageError
from monrecap.files import write_atomic

LEDGER = "runs"
LOT = re.compile(r"^L(\d{4}-W\d{2})-(\d{2,})$")
#: A lot code anywhere in a text, in any case: « lot l2026-w50-03 ».
LOT_IN_TEXT = re.compile(r"(?<![\w-])L\d{4}-W\d{2}-\d{2,}(?![\w-])", re.I)
WEEK_FORM = r"^\d{4}-W\d{2}$"


def lock_file(root: Path) -> Path:
    """The lock every writer of the ledger holds (see `locking.exclusive`)."""
    from monrecap.locking import lock_path

    return lock_path(root, "ledger")


class _Open(BaseModel):
    """Ledger entries keep the keys they were written with; these are the ones read."""

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)


class LedgerOrder(_Open):
    id: str = Field(min_length=1)
    structure: str = ""
    territory: str = ""
    quantity: int = Field(ge=1)
    offer: str = ""


class LedgerJob(_Open):
    lot: str = Field(pattern=LOT.pattern)
    edition: str | None = None
    copies_ordered: int = Field(ge=0)
    copies_to_print: int = Field(ge=0)
    press_sheets: int = Field(0, ge=0)
    orders: list[LedgerOrder] = []


class LedgerWeek(_Open):
    week: str = Field(pattern=WEEK_FORM)
    version: str = Field(min_length=1)
    orders: dict = {}
    costs: dict = {}
    jobs: list[LedgerJob] = Field(min_length=1)

    @model_validator(mode="after")
    def _lots_of_the_week(self) -> "LedgerWeek":
        for job in self.jobs:
            if LOT.match(job.lot).group(1) != self.week:
                raise ValueError(f"lot {job.lot} is not a lot of week {self.week}")
        return self


@dataclass(frozen=True)
class LedgerRun:
    """One committed week, as read back."""

    file: str                # runs/2026-W50.yaml
    entry: LedgerWeek

    @property
    def week(self) -> str:
        return self.entry.week

    @property
    def version(self) -> str:
        return self.entry.version

    @property
    def jobs(self) -> list[LedgerJob]:
        return self.entry.jobs

    @property
    def lots(self) -> list[str]:
        return [job.lot for job in self.entry.jobs]

    @property
    def orders_sha256(self) -> str | None:
        return self.entry.orders.get("sha256")

    @property
    def data(self) -> dict:
        """The week as plain data, every key it was written with (for readers that want
        keys this module does not name, such as an order's ``source``)."""
        return self.entry.model_dump()


def lot_name(week: str, sequence: int) -> str:
    """The lot number of the ``sequence``-th lot ever, printed in the week ``week``.

    >>> lot_name("2026-W50", 3)
    'L2026-W50-03'
    """
    return f"L{week}-{sequence:02d}"


def read_ledger(root: Path) -> list[LedgerRun]:
    """Every committed week, oldest first; no `runs/` folder is an empty ledger. A file that
    is not a production week is a ContentError at its line (`runs/2026-W50.yaml:4:7: jobs ->
    0 -> lot: …`)."""
    from monrecap.source import MDict, load_yaml, validate

    runs, problems = [], []
    folder = root / LEDGER
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        name = f"{LEDGER}/{path.name}"
        try:
            data = load_yaml(path, name)
            if not isinstance(data, MDict) or not data:
                raise MonrecapError([Problem(name, "", "not a production week (week:, "
                                                       "version:, jobs:)")])
            entry = validate(LedgerWeek, data)
            if entry.week != path.stem:
                raise MonrecapError([Problem(name, "week", f"{entry.week} in a file named "
                                             f"{path.name}: the file is named after its week")])
        except MonrecapError as exc:
            problems += exc.problems
            continue
        runs.append(LedgerRun(name, entry))
    if problems:
        raise MonrecapError(problems)
    return runs


def lot_versions(root: Path) -> dict[str, str]:
    """Every lot of the ledger, its code in upper case → the version it printed (the job's
    own ``version:`` if it has one, else its week's); {} without a ledger. (``model_extra``
    is a dict, empty or not, on a model that allows extra keys: never None here.)"""
    return {job.lot.upper(): job.model_extra.get("version") or run.version
            for run in read_ledger(root) for job in run.jobs}


def lot_codes(text: str) -> list[str]:
    """The lot codes written in ``text``, in upper case, in order: matched in any case and
    inside words of punctuation, never inside a longer code.

    >>> lot_codes("j'ai perdu le carnet du lot l2026-w50-03, merci")
    ['L2026-W50-03']
    >>> lot_codes("XL2026-W50-03 L2026-W50-031")
    ['L2026-W50-031']
    """
    return [m.group().upper() for m in LOT_IN_TEXT.finditer(text)]


def last_sequence(runs: list[LedgerRun], skip_week: str | None = None) -> int:
    """The highest lot sequence number used so far (0 before the first run)."""
    numbers = [int(m.group(2)) for run in runs if run.week != skip_week
               for lot in run.lots if (m := LOT.match(lot))]
    return max(numbers, default=0)


def assign_lots(runs: list[LedgerRun], week: str, editions: list[str | None],
                orders_sha256: str, version: str) -> dict[str | None, str]:
    """A lot number per edition: the week's own if it is already committed with the same
    orders and version (a re-issue of its documents), else new ones after every lot ever
    used."""
    recorded = next((r for r in runs if r.week == week), None)
    if recorded is not None:
        if recorded.version != version:
            raise UsageError([Problem(recorded.file, "version",
                                      f"week {week} is already committed with "
                                      f"{recorded.version}, not {version}; plan another week")])
        if recorded.orders_sha256 != orders_sha256:
            raise UsageError([Problem(recorded.file, "orders -> sha256",
                                      f"week {week} is already committed with other orders "
                                      f"(lots {', '.join(recorded.lots)}); plan another week")])
        return {job.edition: job.lot for job in recorded.jobs}
    start = last_sequence(runs)
    return {edition: lot_name(week, start + i + 1) for i, edition in enumerate(editions)}


@dataclass(frozen=True)
class Produced:
    """An order as the ledger recorded it: in which week and lot."""

    week: str
    lot: str
    edition: str | None
    order: LedgerOrder
    file: str


def produced_orders(runs: list[LedgerRun], skip_week: str | None = None
                    ) -> dict[str, Produced]:
    """Order id → where it was first produced, over every committed week but ``skip_week``."""
    out: dict[str, Produced] = {}
    for run in runs:
        if run.week == skip_week:
            continue
        for job in run.jobs:
            for order in job.orders:
                out.setdefault(order.id, Produced(run.week, job.lot, job.edition, order,
                                                  run.file))
    return out


def write_ledger(root: Path, week: str, record: dict) -> Path:
    """Write ``runs/<week>.yaml`` atomically; returns its path. The caller holds the lock."""
    import yaml

    path = root / LEDGER / f"{week}.yaml"
    head = ("# Production week, recorded by `monrecap orders plan --commit`. Commit this file:\n"
            "# lots are never reused. No personal data here (see the README).\n")
    text = head + yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)
    write_atomic(path, text.encode("utf-8"))
    return path


@dataclass(frozen=True)
class LotInfo:
    """What the ledger knows about one lot."""

    lot: str
    week: str
    version: str
    edition: str | None
    copies_ordered: int
    copies_printed: int
    orders: list[dict]    # {id, structure, territory, quantity}
    file: str


#: Lot codes an error lists when it names the ledger's lots: the latest, after « … ».
SHOWN_LOTS = 6


def known_lots(known: list[str]) -> str:
    """« known lots: A, B »: every lot, or « … » and the latest ``SHOWN_LOTS`` of how many.

    >>> known_lots(["L2026-W50-01", "L2026-W50-02"])
    'known lots: L2026-W50-01, L2026-W50-02'
    >>> known_lots([f"L2026-W50-{n:02d}" for n in range(1, 9)])  # doctest: +NORMALIZE_WHITESPACE
    'known lots: …, L2026-W50-03, L2026-W50-04, L2026-W50-05, L2026-W50-06, L2026-W50-07,
    L2026-W50-08 (the latest 6 of 8: monrecap orders history lists every week)'
    """
    if len(known) <= SHOWN_LOTS:
        return f"known lots: {', '.join(known)}"
    return (f"known lots: …, {', '.join(known[-SHOWN_LOTS:])} (the latest {SHOWN_LOTS} of "
            f"{len(known)}: monrecap orders history lists every week)")


def find_lot(root: Path, text: str) -> LotInfo:
    """The ledger's entry for the (first) lot code written in ``text``; see `find_lots`."""
    return find_lots(root, text)[0]


def find_lots(root: Path, text: str) -> list[LotInfo]:
    """The ledger's entry for every lot code written in ``text``, in order, each once (any
    case, « lots l2026-w50-03 et L2026-W50-04 » too); UsageError when there is no code, or
    naming every code no run has."""
    codes = list(dict.fromkeys(lot_codes(text) or (
        [text.strip().upper()] if text.strip() else [])))
    runs = read_ledger(root)
    found: dict[str, LotInfo] = {}
    for run in runs:
        for job in run.jobs:
            if job.lot.upper() in codes:
                found[job.lot.upper()] = LotInfo(
                    job.lot, run.week, job.model_extra.get("version") or run.version,
                    job.edition, job.copies_ordered,
                    job.copies_to_print, [o.model_dump(include={"id", "structure", "territory",
                                                                "quantity"})
                                          for o in job.orders], run.file)
    missing = [code for code in codes if code not in found]
    if codes and not missing:
        return [found[code] for code in codes]
    known = [lot for run in runs for lot in run.lots]
    hint = f"; {known_lots(known)}" if known else "; the ledger runs/ is empty"
    if not codes:
        raise UsageError(f"« {text} » names no lot (like L2026-W50-03){hint}")
    raise UsageError([Problem("", "", f"lot {code} is not in the ledger{hint}")
                      for code in missing])


def history(root: Path) -> dict:
    """One summary per committed week, oldest first, and the totals over every week, where
    an order recorded in two weeks counts once (the later weeks say so in ``repeated``)."""
    rows, seen, printed = [], {}, 0
    for run in read_ledger(root):
        ids = {o.id: o.quantity for job in run.jobs for o in job.orders}
        repeated = sorted(i for i in ids if i in seen)
        rows.append({"week": run.week, "version": run.version, "file": run.file,
                     "lots": run.lots, "orders": len(ids), "repeated": repeated,
                     "copies_ordered": sum(ids.values()),
                     "copies_printed": sum(j.copies_to_print for j in run.jobs),
                     "press_sheets": sum(j.press_sheets for j in run.jobs),
                     "cost": run.entry.costs.get("total", "0.00")})
        for order_id, quantity in ids.items():
            seen.setdefault(order_id, quantity)
        printed += rows[-1]["copies_printed"]
    totals = {"weeks": len(rows), "orders": len(seen), "copies_ordered": sum(seen.values()),
              "copies_printed": printed,
              "orders_in_two_weeks": sorted({i for r in rows for i in r["repeated"]})}
    return {"runs": rows, "totals": totals}
