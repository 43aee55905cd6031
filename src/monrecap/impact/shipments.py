"""What the production ledger (`runs/<week>.yaml`) says for impact: one `Shipment` per order
of a committed week — version, lot, edition, structure, territory, copies, offer, channel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from monrecap.errors import MonrecapError, Problem
from monrecap.impact.survey import structure_key

WORD_OF_MOUTH = "bouche-a-oreille"


@dataclass(frozen=True)
class Shipment:
    """One order as the ledger recorded it (no person: structures are organisations)."""

    week: str           # 2026-W50
    monday: dt.date     # the production week's Monday
    version: str
    lot: str
    edition: str        # "base" for the version's own edition
    order_id: str
    structure: str
    key: str
    territory: str
    quantity: int
    offer: str          # decouverte | cofinance | "" (older ledgers)
    source: str         # how they heard; "" when the ledger did not record it

    @property
    def month(self) -> str:
        return self.monday.strftime("%Y-%m")


def week_monday(week: str) -> dt.date:
    """The Monday of an ISO week.

    >>> week_monday("2026-W50")
    datetime.date(2026, 12, 7)
    """
    year, number = week.split("-W")
    return dt.date.fromisocalendar(int(year), int(number), 1)


def read_shipments(root: Path) -> list[Shipment]:
    """Every order of every committed week, oldest week first; [] without a ledger.
    MonrecapError at the ledger file when an entry lacks what the ledger always writes."""
    from monrecap.production.ledger import read_ledger

    out, problems = [], []
    for run in read_ledger(root):
        try:
            monday = week_monday(str(run.week))
        except ValueError:
            problems.append(Problem(run.file, "week", f"« {run.week} » is not an ISO week"))
            continue
        for j, job in enumerate(run.data.get("jobs") or []):
            for i, order in enumerate((job.get("orders") or []) if isinstance(job, dict)
                                      else []):
                try:
                    structure = str(order["structure"])
                    out.append(Shipment(
                        str(run.week), monday, str(job.get("version", run.data["version"])),
                        str(job["lot"]), str(job.get("edition") or "base"), str(order["id"]),
                        structure, structure_key(structure), str(order.get("territory", "")),
                        int(order["quantity"]), str(order.get("offer") or ""),
                        str(order.get("source") or "")))
                except (KeyError, TypeError, ValueError) as exc:
                    problems.append(Problem(run.file, f"jobs -> {j} -> orders -> {i}",
                                            f"not a ledger order ({exc!r} missing or wrong)"))
    if problems:
        raise MonrecapError(problems)
    return out
