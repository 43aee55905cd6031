"""Production commands: `orders plan`, `orders history` and `lot`."""

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from monrecap.cli import (
    JsonOpt,
    OutDirOpt,
    QuietOpt,
    RootOpt,
    app,
    console,
    emit_json,
    fail,
    repo_root,
)
from monrecap.errors import MonrecapError

orders_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="From orders to the ESAT workshop.",
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

    Output folder: dist/runs/<week> unless --out. One plan at a time per repository: a plan
    started while another runs waits for it (MONRECAP_LOCK_TIMEOUT seconds, default 600)."""
    from monrecap.cli import outputs
    from monrecap.outputs import FOLDER
    from monrecap.plural import count
    from monrecap.production import produce_week
    from monrecap.production.record import totals

    root = repo_root(root)
    outputs(("--out", out_dir, FOLDER))
    say = (lambda _: None) if quiet or as_json else \
        (lambda msg: console().print(msg, markup=False))
    warnings: list[str] = []

    def warn(message: str) -> None:
        warnings.append(message)
        console().print(f"warning: {message}", markup=False)

    try:
        result = produce_week(root, orders, version, week, out_dir, commit, labels, say,
                              warn, on_wait=lambda msg: console().print(msg, markup=False))
    except MonrecapError as exc:
        raise fail(exc) from None
    run = result.run
    if as_json:
        data = json.loads((result.folder / "run.json").read_text(encoding="utf-8"))
        data.pop("schema_version", None)
        data["folder"] = str(result.folder)
        data["ledger"] = str(result.ledger) if result.ledger else None
        data["warnings"] = warnings
        emit_json("orders-plan", data)
        return
    t = totals(run)
    for job in run.jobs:
        say(f"{job.lot}  {job.edition or 'base':<26} {job.copies_ordered:>6} ordered "
            f"{job.copies_to_print:>6} to print {job.press_sheets:>6} sheets")
    say(f"{count(t['orders'], 'order', lang='en')}, "
        f"{count(t['copies_ordered'], 'copy', 'copies', lang='en')}, "
        f"{count(t['parcels'], 'parcel', lang='en')}, "
        f"cost {t['costs']['total']} EUR (example figures)")
    console().print(f"wrote {result.folder}" + (f" and {result.ledger}" if result.ledger
                                                else " (not recorded: add --commit)"),
                    markup=False)


@orders_app.command("history", epilog="Example: monrecap orders history --json")
def history(as_json: JsonOpt = False, root: RootOpt = None) -> None:
    """List the committed production weeks (runs/*.yaml) and their totals; an order recorded
    in two weeks counts once."""
    from monrecap.plural import count
    from monrecap.production.ledger import history as read_history

    root = repo_root(root)
    try:
        summary = read_history(root)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:
        emit_json("orders-history", summary)
        return
    rows, totals = summary["runs"], summary["totals"]
    out = console(stderr=False)
    if not rows:
        out.print("no production run recorded yet (runs/ is empty)")
    for row in rows:
        lots = row["lots"][0] if len(row["lots"]) == 1 else \
            f"{row['lots'][0]}…{row['lots'][-1]}"
        out.print(f"{row['week']}  {row['version']}  {count(len(row['lots']), 'lot', lang='en')} "
                  f"{lots}  {count(row['orders'], 'order', lang='en')}  "
                  f"{count(row['copies_ordered'], 'copy', 'copies', lang='en')}  "
                  f"{row['copies_printed']} printed  "
                  f"{count(row['press_sheets'], 'sheet', lang='en')}  {row['cost']} EUR",
                  markup=False)
        if row["repeated"]:
            out.print(f"  {count(len(row['repeated']), 'order', lang='en')} of an earlier week "
                      f"again: {', '.join(row['repeated'][:6])}"
                      + (" …" if len(row["repeated"]) > 6 else ""), markup=False)
    if rows:
        out.print(f"total: {count(totals['orders'], 'order', lang='en')}, "
                  f"{count(totals['copies_ordered'], 'copy', 'copies', lang='en')}, "
                  f"{totals['copies_printed']} printed", markup=False)


@app.command(epilog="Example: monrecap lot L2026-W50-03")
def lot(number: Annotated[str, typer.Argument(
            help="A lot number, e.g. L2026-W50-03 (any case; « lot l2026-w50-03 » too; every "
                 "lot a text names: « lots L2026-W50-03 et L2026-W50-04 »).")],
        as_json: JsonOpt = False, root: RootOpt = None) -> None:
    """Trace a print lot from the ledger: version, edition, week, copies, orders, structures."""
    from dataclasses import asdict

    from monrecap.plural import count
    from monrecap.production.ledger import find_lots

    root = repo_root(root)
    try:
        infos = find_lots(root, number)
    except MonrecapError as exc:
        raise fail(exc) from None
    if as_json:  # one lot as before; several: kind « lots », {"lots": [...]}
        emit_json(*(("lot", asdict(infos[0])) if len(infos) == 1 else
                    ("lots", {"lots": [asdict(i) for i in infos]})))
        return
    out = console(stderr=False)
    for i, info in enumerate(infos):
        if i:
            out.print()  # a blank line between lots
        out.print(f"lot {info.lot}: {info.version}, edition {info.edition or 'base'}, week "
                  f"{info.week} ({info.file})", markup=False)
        out.print(f"{count(info.copies_ordered, 'copy', 'copies', lang='en')} ordered, "
                  f"{info.copies_printed} printed, "
                  f"{count(len(info.orders), 'order', lang='en')}", markup=False)
        for order in info.orders:
            out.print(f"  {order['id']}  {order['quantity']:>5}  {order['territory']:>3}  "
                      f"{order['structure']}", markup=False)
