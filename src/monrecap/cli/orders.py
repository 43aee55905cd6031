"""Production commands: `orders plan`, `orders history` and `lot`."""

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import MonrecapError
from . import JsonOpt, OutDirOpt, QuietOpt, RootOpt, app, console, emit_json, fail, repo_root

orders_app = typer.Typer(no_args_is_help=True, help="From orders to the ESAT workshop.",
                         epilog="Example: monrecap orders plan examples/orders-2026-12.csv "
                                "--week 2026-W50")
app.add_typer(orders_app, name="orders")


@orders_app.command("plan", epilog="Example: monrecap orders plan "
                                   "examples/orders-2026-12.csv --week 2026-W50 --commit")
def plan(orders: Annotated[Path, typer.Argument(help="The order export (CSV).")],
         version: Annotated[Optional[str], typer.Option(help="Default: the latest.")] = None,
         week: Annotated[Optional[str], typer.Option(
             help="ISO week, e.g. 2026-W50 (default: the week after the newest order).")]
         = None,
         out_dir: OutDirOpt = None,
         commit: Annotated[bool, typer.Option("--commit",
                                              help="Record the run in runs/<week>.yaml.")]
         = False,
         labels: Annotated[str, typer.Option(help="Label sheet (layouts/labels/NAME.yaml).")]
         = "a4-2x7-99x38",
         quiet: QuietOpt = False,
         as_json: JsonOpt = False,
         root: RootOpt = Path(".")) -> None:
    """Plan a production week: print jobs with lots, costs, ESAT documents, run.json.

    Output folder: dist/runs/<week> unless --out."""
    from ..production import describe_table, plan_orders, write_week
    from ..production.record import totals

    from ..outputs import FOLDER
    from . import outputs

    root = repo_root(root)
    outputs(("--out", out_dir, FOLDER))
    say = (lambda _: None) if quiet or as_json else \
        (lambda msg: console().print(msg, markup=False))
    try:
        run = plan_orders(root, orders, version, week)
        say(f"read {run.book.file}: {len(run.book.orders)} orders "
            f"({describe_table(run.book)})")
        result = write_week(root, run, out_dir, commit, labels, say)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        data = json.loads((result.folder / "run.json").read_text(encoding="utf-8"))
        data.pop("schema_version", None)
        data["folder"] = str(result.folder)
        data["ledger"] = str(result.ledger) if result.ledger else None
        emit_json("orders-plan", data)
        return
    t = totals(run)
    for job in run.jobs:
        say(f"{job.lot}  {job.edition or 'base':<26} {job.copies_ordered:>6} ordered "
            f"{job.copies_to_print:>6} to print {job.press_sheets:>6} sheets")
    say(f"{t['orders']} orders, {t['copies_ordered']} copies, {t['parcels']} parcels, "
        f"cost {t['costs']['total']} EUR (example figures)")
    console().print(f"wrote {result.folder}" + (f" and {result.ledger}" if result.ledger
                                                else " (not recorded: add --commit)"),
                    markup=False)


@orders_app.command("history", epilog="Example: monrecap orders history --json")
def history(as_json: JsonOpt = False, root: RootOpt = None) -> None:
    """List the committed production weeks (runs/*.yaml) and their totals."""
    from ..production.ledger import history as read_history

    root = repo_root(root)
    try:
        rows = read_history(root)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        emit_json("orders-history", {"runs": rows})
        return
    out = console(stderr=False)
    if not rows:
        out.print("no production run recorded yet (runs/ is empty)")
    for row in rows:
        out.print(f"{row['week']}  {row['version']}  {len(row['lots'])} lot(s) "
                  f"{row['lots'][0]}…{row['lots'][-1]}  {row['orders']} orders  "
                  f"{row['copies_ordered']} copies  {row['copies_printed']} printed  "
                  f"{row['press_sheets']} sheets  {row['cost']} EUR", markup=False)
    if rows:
        out.print(f"total: {sum(r['orders'] for r in rows)} orders, "
                  f"{sum(r['copies_ordered'] for r in rows)} copies, "
                  f"{sum(r['copies_printed'] for r in rows)} printed", markup=False)


@app.command(epilog="Example: monrecap lot L2026-W50-03")
def lot(number: Annotated[str, typer.Argument(help="A lot number, e.g. L2026-W50-03.")],
        as_json: JsonOpt = False, root: RootOpt = None) -> None:
    """Trace a print lot from the ledger: version, edition, week, copies, orders, structures."""
    from dataclasses import asdict

    from ..production.ledger import find_lot

    root = repo_root(root)
    try:
        info = find_lot(root, number)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        emit_json("lot", asdict(info))
        return
    out = console(stderr=False)
    out.print(f"lot {info.lot}: {info.version}, edition {info.edition or 'base'}, week "
              f"{info.week} ({info.file})", markup=False)
    out.print(f"{info.copies_ordered} copies ordered, {info.copies_printed} printed, "
              f"{len(info.orders)} orders", markup=False)
    for order in info.orders:
        out.print(f"  {order['id']}  {order['quantity']:>5}  {order['territory']:>3}  "
                  f"{order['structure']}", markup=False)
