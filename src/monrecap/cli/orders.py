"""Production commands: `orders plan`, `orders history` and `lot`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import MonrecapError
from . import RootOpt, app, console, fail

orders_app = typer.Typer(no_args_is_help=True, help="From orders to the ESAT workshop.")
app.add_typer(orders_app, name="orders")

JsonOpt = Annotated[bool, typer.Option("--json", help="JSON on stdout (schema_version 1).")]


@orders_app.command("plan")
def plan(orders: Annotated[Path, typer.Argument(help="The order export (CSV).")],
         version: Annotated[Optional[str], typer.Option(help="Default: the latest.")] = None,
         week: Annotated[Optional[str], typer.Option(
             help="ISO week, e.g. 2026-W50 (default: the week after the newest order).")]
         = None,
         out_dir: Annotated[Optional[Path], typer.Option("--out",
                                                         help="Default: dist/runs.")] = None,
         commit: Annotated[bool, typer.Option("--commit",
                                              help="Record the run in runs/<week>.yaml.")]
         = False,
         labels: Annotated[str, typer.Option(help="Label sheet (layouts/labels/NAME.yaml).")]
         = "a4-2x7-99x38",
         quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress.")] = False,
         as_json: JsonOpt = False,
         root: RootOpt = Path(".")) -> None:
    """Plan a production week: print jobs with lots, costs, ESAT documents, run.json.

    Example: monrecap orders plan examples/orders-2026-12.csv --week 2026-W50
    """
    from ..production import describe_table, plan_orders, write_week
    from ..production.record import totals

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
        data["folder"] = str(result.folder)
        data["ledger"] = str(result.ledger) if result.ledger else None
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
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


@orders_app.command("history")
def history(as_json: JsonOpt = False, root: RootOpt = Path(".")) -> None:
    """List the committed production weeks (runs/*.yaml) and their totals.

    Example: monrecap orders history
    """
    from ..production.ledger import history as read_history

    try:
        rows = read_history(root)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        typer.echo(json.dumps({"schema_version": 1, "runs": rows}, ensure_ascii=False,
                              indent=1))
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


@app.command()
def lot(number: Annotated[str, typer.Argument(help="A lot number, e.g. L2026-W50-03.")],
        as_json: JsonOpt = False, root: RootOpt = Path(".")) -> None:
    """Trace a print lot from the ledger: version, edition, week, copies, orders, structures.

    Example: monrecap lot L2026-W50-03
    """
    from dataclasses import asdict

    from ..production.ledger import find_lot

    try:
        info = find_lot(root, number)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        typer.echo(json.dumps({"schema_version": 1, **asdict(info)}, ensure_ascii=False,
                              indent=1))
        return
    out = console(stderr=False)
    out.print(f"lot {info.lot}: {info.version}, edition {info.edition or 'base'}, week "
              f"{info.week} ({info.file})", markup=False)
    out.print(f"{info.copies_ordered} copies ordered, {info.copies_printed} printed, "
              f"{len(info.orders)} orders", markup=False)
    for order in info.orders:
        out.print(f"  {order['id']}  {order['quantity']:>5}  {order['territory']:>3}  "
                  f"{order['structure']}", markup=False)
