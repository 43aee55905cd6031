"""Production: an order export → a production week — print jobs with lot numbers stamped on
the back cover, costs, the ESAT's documents, run.json, and the ledger (runs/<week>.yaml).

`produce_week` is `monrecap orders plan`: under the ledger's lock (one plan at a time per
repository), it reads the ledger, plans, draws every document, builds every job and commits.
Sits above build, content and render; nothing below imports it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from monrecap.errors import OutputError, UsageError
from monrecap.files import sha256
from monrecap.locking import exclusive
from monrecap.plural import count
from monrecap.production.costs import load_costs
from monrecap.production.ledger import (
    assign_lots,
    lock_file,
    produced_orders,
    read_ledger,
    write_ledger,
)
from monrecap.production.orders import OrderBook, describe_table, load_orders, postal_warnings
from monrecap.production.produced import drop_produced, quantity_warnings
from monrecap.production.record import run_record
from monrecap.production.runplan import Run, check_week, default_week, plan_run, press_facts

__all__ = ["plan_orders", "write_week", "produce_week", "WeekResult", "describe_table"]

Progress = Callable[[str], None]
DEFAULT_LABELS = "a4-2x7-99x38"
COMMAND = "orders plan"


@dataclass(frozen=True)
class WeekResult:
    run: Run
    folder: Path
    ledger: Path | None


def plan_orders(root: Path, orders: Path, version: str | None = None,
                week: str | None = None) -> Run:
    """Read, validate and plan: jobs, lots (continuing the ledger), costs. No file written.

    Orders the ledger already holds in another week are skipped with a warning when they
    are the same orders (an export planned again), refused when their id now names another
    order; an export with nothing left to plan is refused, naming the weeks and lots."""
    from monrecap.content import variant_names, version_ids

    version = version or version_ids(root)[-1]
    costs = load_costs(root)
    # The hard limit at each row, with the row's other problems, before anything is planned.
    book: OrderBook = load_orders(orders, variant_names(root, version), str(orders),
                                  costs.limits.hard_quantity)
    week = check_week(week) if week else default_week(book)
    runs = read_ledger(root)
    book, skipped, warnings = drop_produced(book, produced_orders(runs, skip_week=week))
    warnings += quantity_warnings(book, costs) + postal_warnings(book)
    editions = sorted({o.edition for o in book.orders}, key=lambda e: (e is not None, e or ""))
    digest = sha256(orders.read_bytes())
    lots = assign_lots(runs, week, editions, digest, version)
    press = press_facts(root, version, editions, costs.profile)
    from monrecap.impose import load_profile

    paper = load_profile(root, costs.profile).paper or ""
    return plan_run(book, version, week, costs, press, lots, paper, digest, skipped,
                    tuple(warnings))


def produce_week(root: Path, orders: Path, version: str | None = None,
                 week: str | None = None, out: Path | None = None, commit: bool = False,
                 labels: str = DEFAULT_LABELS, progress: Progress = lambda _: None,
                 warn: Progress = lambda _: None,
                 on_wait: Progress | None = None) -> WeekResult:
    """`monrecap orders plan`: plan and write the week holding the ledger's lock, so that
    lot numbers and the orders already produced are read from the ledger as it is when this
    plan writes, never from a state another plan is changing."""
    with exclusive(lock_file(root), COMMAND, on_wait=on_wait):
        run = plan_orders(root, orders, version, week)
        read = len(run.book.orders) + len(run.skipped)
        progress(f"read {run.book.file}: {count(read, 'order', lang='en')} "
                 f"({describe_table(run.book)})")
        for warning in run.warnings:
            warn(warning)
        return write_week(root, run, out, commit, labels, progress)


def write_week(root: Path, run: Run, out: Path | None = None, commit: bool = False,
               labels: str = DEFAULT_LABELS, progress: Progress = lambda _: None
               ) -> WeekResult:
    """Draw every job's documents (every problem a row of the export causes, at once, at the
    export's line and column), build every job with its lot, write ``out/<week>/`` (staged,
    then renamed into place) and, with ``commit``, the ledger entry ``runs/<week>.yaml``.
    Holds the ledger's lock; with ``commit``, the plan is first checked against the ledger
    as it is now."""
    with exclusive(lock_file(root), COMMAND):
        if commit:
            _still_true(root, run)
        return _write_week(root, run, out, commit, labels, progress)


def _still_true(root: Path, run: Run) -> None:
    """The plan's lots and orders, against the ledger re-read under the lock: another
    commit since the plan was made means planning again, before anything is written."""
    runs = read_ledger(root)
    lots = assign_lots(runs, run.week, [job.edition for job in run.jobs], run.orders_sha256,
                       run.version)
    produced = produced_orders(runs, skip_week=run.week)
    taken = [p.order.order_id for job in run.jobs for p in job.orders
             if p.order.order_id in produced]
    if lots != {job.edition: job.lot for job in run.jobs} or taken:
        raise UsageError(f"runs/: the ledger changed since week {run.week} was planned "
                         f"(another plan was committed): plan it again")


def _write_week(root: Path, run: Run, out: Path | None, commit: bool, labels: str,
                progress: Progress) -> WeekResult:
    from monrecap.build import build_version
    from monrecap.production.documents import check_documents, draw_documents
    from monrecap.production.labelsheet import load_label_sheet

    check_documents(run)
    sheet = load_label_sheet(root, labels)
    progress("documents")
    drawn = draw_documents(root, run, sheet)
    out = out or root / "dist" / "runs"
    stage = out / f".staging-{run.week}"
    shutil.rmtree(stage, ignore_errors=True)
    files: dict[str, dict[str, str]] = {}
    try:
        for job in run.jobs:
            folder = stage / "jobs" / job.name
            folder.mkdir(parents=True)
            progress(f"building {job.name}")
            with tempfile.TemporaryDirectory(prefix="monrecap-run-") as tmp:
                built = build_version(root, run.version, Path(tmp), variant=job.edition,
                                      lot=job.lot)
                shutil.copy(built.pdf, folder / built.pdf.name)
                imposed = next(p for p in built.imposed if p.stem.endswith(f"-{job.profile}"))
                shutil.copy(imposed, folder / imposed.name)
                shutil.copy(built.manifest, folder / "build.json")
            for name, data in drawn.jobs[job.name].items():
                (folder / name).write_bytes(data)
            files[job.name] = {p.name: sha256(p.read_bytes()) for p in sorted(folder.iterdir())}
        progress("summary")
        (stage / "summary.pdf").write_bytes(drawn.summary)
        (stage / "run.json").write_text(json.dumps(run_record(run, files), ensure_ascii=False,
                                                   indent=1) + "\n", encoding="utf-8")
        final = out / run.week
        shutil.rmtree(final, ignore_errors=True)
        stage.rename(final)
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        raise OutputError(f"{exc.filename or stage}: cannot write: {exc.strerror}") from None
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    ledger = None
    if commit:
        ledger = write_ledger(root, run.week, run_record(run, files, detail=False))
    return WeekResult(run, final, ledger)
