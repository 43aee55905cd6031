"""Production: an order export → a production week — print jobs with lot numbers stamped on
the back cover, costs, the ESAT's documents, run.json, and the ledger (runs/<week>.yaml).

Sits above build, content and render; nothing below imports it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..files import sha256
from .costs import load_costs
from .ledger import assign_lots, read_ledger, write_ledger
from .orders import OrderBook, describe_table, load_orders
from .plan import Run, check_week, default_week, plan_run, press_facts
from .record import run_record

__all__ = ["plan_orders", "write_week", "WeekResult", "describe_table"]

Progress = Callable[[str], None]
DEFAULT_LABELS = "a4-2x7-99x38"


@dataclass(frozen=True)
class WeekResult:
    run: Run
    folder: Path
    ledger: Path | None


def plan_orders(root: Path, orders: Path, version: str | None = None,
                week: str | None = None) -> Run:
    """Read, validate and plan: jobs, lots (continuing the ledger), costs. No file written."""
    from ..content import variant_names, version_ids

    version = version or version_ids(root)[-1]
    book: OrderBook = load_orders(orders, variant_names(root, version))
    week = check_week(week) if week else default_week(book)
    costs = load_costs(root)
    editions = sorted({o.edition for o in book.orders}, key=lambda e: (e is not None, e or ""))
    digest = sha256(orders.read_bytes())
    lots = assign_lots(read_ledger(root), week, editions, digest, version)
    press = press_facts(root, version, editions, costs.profile)
    from ..impose import load_profile

    paper = load_profile(root, costs.profile).paper or ""
    return plan_run(book, version, week, costs, press, lots, paper, digest)


def write_week(root: Path, run: Run, out: Path | None = None, commit: bool = False,
               labels: str = DEFAULT_LABELS, progress: Progress = lambda _: None
               ) -> WeekResult:
    """Build every job with its lot, draw the documents, write ``out/<week>/`` (staged, then
    renamed into place) and, with ``commit``, the ledger entry ``runs/<week>.yaml``."""
    from ..build import build_version, load_for_build
    from ..fonts import load_fontset
    from ..labelsheet import load_label_sheet
    from .documents import check_documents, job_documents, summary_pdf

    check_documents(run)
    sheet = load_label_sheet(root, labels)
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
            _, layout = load_for_build(root, run.version, None, job.edition)
            fonts = load_fontset(layout.fonts.regular, layout.fonts.bold)
            progress(f"documents for {job.name}")
            for name, data in job_documents(job, run, layout, fonts, sheet, root).items():
                (folder / name).write_bytes(data)
            files[job.name] = {p.name: sha256(p.read_bytes()) for p in sorted(folder.iterdir())}
        progress("summary")
        (stage / "summary.pdf").write_bytes(summary_pdf(run, layout, fonts))
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
