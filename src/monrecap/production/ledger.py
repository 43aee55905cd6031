"""The ledger: `runs/<week>.yaml` at the repository's root, one file per committed production
week (lots, jobs, order ids and quantities, checksums of what was sent) — meant for git.

It holds no personal data: structures are organisations; contacts and addresses stay in the
order export and on the labels and delivery notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import MonrecapError, Problem, UsageError
from ..files import write_atomic

LOT = re.compile(r"^L(\d{4}-W\d{2})-(\d{2,})$")


@dataclass(frozen=True)
class LedgerRun:
    """One committed week, as read back."""

    file: str
    data: dict

    @property
    def week(self) -> str:
        return self.data["week"]

    @property
    def lots(self) -> list[str]:
        return [job["lot"] for job in self.data.get("jobs", [])]


def lot_name(week: str, sequence: int) -> str:
    """The lot number of the ``sequence``-th lot ever, printed in the week ``week``.

    >>> lot_name("2026-W50", 3)
    'L2026-W50-03'
    """
    return f"L{week}-{sequence:02d}"


def read_ledger(root: Path) -> list[LedgerRun]:
    """Every committed week, oldest first."""
    runs = []
    for path in sorted((root / "runs").glob("*.yaml")):
        name = f"runs/{path.name}"
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise MonrecapError([Problem(name, "", f"not valid YAML: {exc}")]) from None
        if not isinstance(data, dict) or "week" not in data or "jobs" not in data:
            raise MonrecapError([Problem(name, "", "not a production run (week:, jobs:)")])
        runs.append(LedgerRun(name, data))
    return runs


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
        if recorded.data.get("version") != version:
            raise UsageError([Problem(recorded.file, "version",
                                      f"week {week} is already committed with "
                                      f"{recorded.data.get('version')}, not {version}; "
                                      "plan another week")])
        if recorded.data.get("orders", {}).get("sha256") != orders_sha256:
            raise UsageError([Problem(recorded.file, "orders -> sha256",
                                      f"week {week} is already committed with other orders "
                                      f"(lots {', '.join(recorded.lots)}); plan another week")])
        return {job.get("edition"): job["lot"] for job in recorded.data["jobs"]}
    start = last_sequence(runs)
    return {edition: lot_name(week, start + i + 1) for i, edition in enumerate(editions)}


def write_ledger(root: Path, week: str, record: dict) -> Path:
    """Write ``runs/<week>.yaml`` atomically; returns its path."""
    path = root / "runs" / f"{week}.yaml"
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


def find_lot(root: Path, lot: str) -> LotInfo:
    """The ledger's entry for ``lot``; UsageError when no run has it."""
    runs = read_ledger(root)
    for run in runs:
        for job in run.data["jobs"]:
            if job["lot"] == lot:
                return LotInfo(lot, run.week, run.data["version"], job.get("edition"),
                               job["copies_ordered"], job["copies_to_print"],
                               job.get("orders", []), run.file)
    known = [l for run in runs for l in run.lots]
    hint = f"; known lots: {', '.join(known[-6:])}" if known else "; the ledger runs/ is empty"
    raise UsageError(f"lot {lot} is not in the ledger{hint}")


def history(root: Path) -> list[dict]:
    """One summary per committed week, oldest first."""
    out = []
    for run in read_ledger(root):
        jobs = run.data["jobs"]
        out.append({"week": run.week, "version": run.data["version"], "file": run.file,
                    "lots": run.lots,
                    "orders": sum(len(j.get("orders", [])) for j in jobs),
                    "copies_ordered": sum(j["copies_ordered"] for j in jobs),
                    "copies_printed": sum(j["copies_to_print"] for j in jobs),
                    "press_sheets": sum(j["press_sheets"] for j in jobs),
                    "cost": run.data.get("costs", {}).get("total", "0.00")})
    return out


def lot_versions(root: Path) -> dict[str, str]:
    """Every lot of the ledger (upper case) → the version printed in it; {} without runs/.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "runs").mkdir(), (folder / "runs" / "2026-W50.yaml").write_text(
    ...     "week: 2026-W50\\nversion: v11\\njobs:\\n  - lot: L2026-W50-01\\n")
    >>> lot_versions(folder)
    {'L2026-W50-01': 'v11'}
    """
    lots: dict[str, str] = {}
    for run in read_ledger(root):
        for job in run.data.get("jobs") or []:
            if isinstance(job, dict) and isinstance(job.get("lot"), str):
                version = job.get("version", run.data.get("version"))
                if isinstance(version, str):
                    lots[job["lot"].strip().upper()] = version
    return lots
